import { describe, expect, test } from 'bun:test'
import { buildHistogram, gradSlot } from './histogram.ts'
import { createRandom } from './prng.ts'
import { recordArena } from './record-arena.ts'
import { type RowStore, recordLayout, storeOnBuffer } from './row-store.ts'
import { createHistogramKernel, histogramModuleBytes, simdKernelsAvailable } from './wasm-histogram.ts'

const BIN_STRIDE = 256
const N_FEATURES = 13
/** Every feature's last bin when its codes span all 256 bins. */
const ALL_BINS = new Int32Array(N_FEATURES).fill(BIN_STRIDE - 1)

/** Random records in the work store of a wasm arena: every byte value 0..255 occurs as a bin code. */
function wasmStore(nRecords: number, seed: number) {
  const layout = recordLayout(N_FEATURES, 1)
  const histogramLength = 2 * N_FEATURES * BIN_STRIDE
  const arena = recordArena(nRecords * layout.recordWords * 4, 2 * histogramLength * 8)
  const memory = arena.memory!
  const store = storeOnBuffer(layout, nRecords, memory.buffer, arena.storeOffsets[1])
  const random = createRandom(seed)
  const { binsPerRecord, recordWords, binWords } = layout
  for (let i = 0; i < nRecords; i++) {
    for (let f = 0; f < N_FEATURES; f++) store.bins[i * binsPerRecord + f] = Math.floor(random() * 256)
    store.gradHess[i * recordWords + binWords] = random() - 0.5
    store.gradHess[i * recordWords + binWords + 1] = random() * 0.25
  }
  // The second histogram slot, so the kernel is not handed address 0 of its region.
  const hist = new Float64Array(memory.buffer, arena.histogramOffset + histogramLength * 8, histogramLength)
  return { store, hist, memory }
}

/** Σg, Σh per cell, row by row over the runs in order: what the kernel must equal bit for bit. */
function naiveHistogram(store: RowStore, runs: number[][], from: number, to: number): Float64Array {
  const hist = new Float64Array(2 * N_FEATURES * BIN_STRIDE)
  const { binsPerRecord, recordWords, binWords } = store.layout
  for (const [start, end] of runs) {
    for (let i = start!; i < end!; i++) {
      for (let f = from; f < to; f++) {
        const slot = gradSlot(f, store.bins[i * binsPerRecord + f]!, BIN_STRIDE)
        hist[slot]! += store.gradHess[i * recordWords + binWords]!
        hist[slot + 1]! += store.gradHess[i * recordWords + binWords + 1]!
      }
    }
  }
  return hist
}

describe('wasm histogram kernel', () => {
  test('the emitted module is valid WebAssembly', () => {
    expect(WebAssembly.validate(histogramModuleBytes(256))).toBe(true)
    expect(WebAssembly.validate(histogramModuleBytes(16))).toBe(true)
  })

  test('gives the row-by-row sums bit for bit for word-aligned and straddling feature ranges', () => {
    const { store, hist, memory } = wasmStore(3000, 5)
    const kernel = createHistogramKernel(memory, BIN_STRIDE)
    expect(kernel).not.toBeNull()
    // Three runs with gaps and an empty one, as a partitioned node's segments look.
    const runs = [
      [10, 900],
      [1200, 1200],
      [1500, 2990],
    ]
    const node = { segments: Int32Array.from(runs.flat()), base: 0, nSegments: runs.length }
    for (const [from, to] of [
      [0, 13],
      [0, 6],
      [6, 13],
      [1, 3],
      [5, 12],
      [8, 8],
    ] as const) {
      hist.fill(Number.NaN)
      buildHistogram(hist, store, node, BIN_STRIDE, ALL_BINS, null, from, to, kernel)
      const expected = naiveHistogram(store, runs, from, to)
      const cells = (h: Float64Array) => Array.from(h.subarray(2 * from * BIN_STRIDE, 2 * to * BIN_STRIDE))
      expect(cells(hist)).toEqual(cells(expected))
    }
  })
})

test('the pinned runtime runs the SIMD kernels: training here never takes the JavaScript loops', () => {
  expect(simdKernelsAvailable()).toBe(true)
})
