import { describe, expect, test } from 'bun:test'
import { createRandom } from './prng.ts'
import { recordArena } from './record-arena.ts'
import { partitionInPlace, type RowStore, recordLayout, recordRowId, storeOnBuffer } from './row-store.ts'
import { createPartitionKernel, partitionModuleBytes } from './wasm-partition.ts'

const N_RECORDS = 600

/** Two identical random stores in one wasm memory (the kernel's and the reference's). */
function twinStores(nFeatures: number, bytesPerBin: 1 | 2, seed: number) {
  const layout = recordLayout(nFeatures, bytesPerBin)
  const storeBytes = N_RECORDS * layout.recordWords * 4
  const arena = recordArena(storeBytes, 64)
  const memory = arena.memory!
  const [kernelStore, reference] = arena.storeOffsets.map((at) =>
    storeOnBuffer(layout, N_RECORDS, memory.buffer, at),
  ) as [RowStore, RowStore]
  const random = createRandom(seed)
  for (let i = 0; i < N_RECORDS; i++) {
    for (let f = 0; f < nFeatures; f++)
      kernelStore.bins[i * layout.binsPerRecord + f] = Math.floor(random() * 40)
    kernelStore.words[i * layout.recordWords + layout.binWords + 2] = i
  }
  reference.words.set(kernelStore.words)
  const kernel = createPartitionKernel(memory, layout.recordWords * 4, bytesPerBin)!
  const recordBytes = layout.recordWords * 4
  const run = (start: number, end: number, feature: number, bin: number) => {
    const base = kernelStore.words.byteOffset
    const at = kernel(base + start * recordBytes, base + end * recordBytes, feature * bytesPerBin, bin)
    return (at - base) / recordBytes
  }
  return { kernelStore, reference, run, layout }
}

describe('wasm partition kernel', () => {
  test('the emitted modules are valid WebAssembly (72-byte and odd-sized records)', () => {
    expect(WebAssembly.validate(partitionModuleBytes(72, 1))).toBe(true)
    expect(WebAssembly.validate(partitionModuleBytes(28, 2))).toBe(true)
  })

  test('moves the same records to the same places as partitionInPlace, and splits by the bin', () => {
    // 60 one-byte features (72-byte records: v128 + i64 swaps) and 5 two-byte ones (16 bytes: v128 only
    // … plus i32 tails for 7 features: 28 bytes).
    for (const [nFeatures, bytesPerBin] of [
      [60, 1],
      [5, 2],
      [7, 2],
    ] as const) {
      const { kernelStore, reference, run, layout } = twinStores(nFeatures, bytesPerBin, nFeatures)
      // Runs as a node's segments give them: whole, a middle slice, empty, one record; bins that
      // send everything left, everything right, or split.
      for (const [start, end, feature, bin] of [
        [0, N_RECORDS, 3, 19],
        [100, 450, nFeatures - 1, 5],
        [200, 200, 0, 10],
        [599, 600, 1, 20],
        [0, 300, 2, 39],
        [300, 600, 4, -1],
      ] as const) {
        const mid = run(start, end, feature, bin)
        expect(mid).toBe(partitionInPlace(reference, start, end, feature, bin))
        expect(Array.from(kernelStore.words)).toEqual(Array.from(reference.words))
        for (let i = start; i < end; i++) {
          const code = kernelStore.bins[i * layout.binsPerRecord + feature]!
          expect(i < mid ? code <= bin : code > bin).toBe(true)
        }
      }
      const ids = Array.from({ length: N_RECORDS }, (_, i) => recordRowId(kernelStore, i)).sort(
        (a, b) => a - b,
      )
      expect(ids).toEqual(Array.from({ length: N_RECORDS }, (_, i) => i))
    }
  })
})
