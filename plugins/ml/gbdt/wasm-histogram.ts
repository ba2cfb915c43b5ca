import { I32, instantiateKernel, kernelModuleBytes, V128, wasm } from './wasm-emit.ts'

/**
 * The histogram loop (histogram.ts, `addWords`) as a WebAssembly function with 128-bit SIMD, built
 * at run time from a few hundred bytes emitted below (wasm-emit.ts).
 *
 * Why: the loop is ~70 % of a tree's CPU, and in JavaScript each (Σg, Σh) update is two
 * bounds-checked float64 load-add-stores. Here the pair is one `v128` load, one `f64x2.add`
 * and one store; the root histogram of 500k × 60 records took 18.7 ms of CPU against 34.7 ms for
 * the JavaScript loop (min of 9, load ≈ 12). Every cell is still summed over the same records in
 * the same order with the same float64 additions (g and h promoted from float32 exactly as a
 * `Float32Array` read does), so the sums — and the model's bytes — are identical to the loop it
 * replaces.
 */

/**
 * Adds records `[rec, end)` (byte addresses, `recBytes` apart) into the histogram at byte address
 * `hist` (feature 0, bin 0): features `headFrom..headEnd` and `tailStart..to` one bin code at a
 * time, whole words `wordFrom..wordTo` four codes per 32-bit load; g and h are the float32 pair at
 * byte `ghOffset` of each record. Same ranges as `addWords` in histogram.ts.
 */
export type HistogramKernel = (
  rec: number,
  end: number,
  recBytes: number,
  headFrom: number,
  headEnd: number,
  tailStart: number,
  to: number,
  wordFrom: number,
  wordTo: number,
  hist: number,
  ghOffset: number,
) => void

const { get, set, tee, int, add, mul, and, shl, shrU, geU, simd, whileNot } = wasm
const loadPair = (offset: number) => wasm.memory(wasm.v128Load, 4, offset)
const storePair = (offset: number) => wasm.memory(wasm.v128Store, 4, offset)

// Parameters (i32), then locals: gh (v128), p, wordsEnd, slot, word, at, feature (i32).
const [REC, END, REC_BYTES, HEAD_FROM, HEAD_END, TAIL_START, TO, WORD_FROM, WORD_TO, HIST, GH_OFFSET] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
]
const [GH, P, WORDS_END, SLOT, WORD, AT, FEATURE] = [11, 12, 13, 14, 15, 16, 17]

/** The wasm binary of the kernel for histograms of `binStride` bins per feature. */
export function histogramModuleBytes(binStride: number): Uint8Array<ArrayBuffer> {
  const featureBytes = binStride * 16
  // hist[slot + bin·16 (+ offset)] += gh, as one f64x2 pair.
  const update = (bin: number[], offset: number) => [
    ...get(SLOT),
    ...bin,
    ...int(4),
    ...shl,
    ...add,
    ...tee(AT),
    ...get(AT),
    ...loadPair(offset),
    ...get(GH),
    ...simd(240), // f64x2.add
    ...storePair(offset),
  ]
  const bytes = (from: number, to: number) => [
    ...get(from),
    ...set(FEATURE),
    ...whileNot(
      [[...get(FEATURE), ...get(to), ...geU]],
      [
        ...[...get(HIST), ...get(FEATURE), ...int(featureBytes), ...mul, ...add, ...set(SLOT)],
        ...update([...get(REC), ...get(FEATURE), ...add, ...wasm.memory(wasm.load8U, 0, 0)], 0),
        ...[...get(FEATURE), ...int(1), ...add, ...set(FEATURE)],
      ],
    ),
  ]
  const words = whileNot(
    [[...get(P), ...get(WORDS_END), ...geU]],
    [
      ...[...get(P), ...wasm.memory(wasm.load32, 2, 0), ...set(WORD)],
      ...update([...get(WORD), ...int(255), ...and], 0),
      ...update([...get(WORD), ...int(8), ...shrU, ...int(255), ...and], featureBytes),
      ...update([...get(WORD), ...int(16), ...shrU, ...int(255), ...and], 2 * featureBytes),
      ...update([...get(WORD), ...int(24), ...shrU], 3 * featureBytes),
      ...[...get(SLOT), ...int(4 * featureBytes), ...add, ...set(SLOT)],
      ...[...get(P), ...int(4), ...add, ...set(P)],
    ],
  )
  const body = whileNot(
    [[...get(REC), ...get(END), ...geU]],
    [
      // gh = promote_low(load64_zero(rec + ghOffset)): (g, h) as float64.
      ...[...get(REC), ...get(GH_OFFSET), ...add, ...simd(93), 2, 0, ...simd(95), ...set(GH)],
      ...bytes(HEAD_FROM, HEAD_END),
      ...bytes(TAIL_START, TO),
      ...[...get(REC), ...get(WORD_FROM), ...int(4), ...mul, ...add, ...set(P)],
      ...[...get(REC), ...get(WORD_TO), ...int(4), ...mul, ...add, ...set(WORDS_END)],
      ...[...get(HIST), ...get(WORD_FROM), ...int(4 * featureBytes), ...mul, ...add, ...set(SLOT)],
      ...words,
      ...[...get(REC), ...get(REC_BYTES), ...add, ...set(REC)],
    ],
  )
  return kernelModuleBytes(11, false, [V128, I32, I32, I32, I32, I32, I32], body)
}

/**
 * The kernel over `memory` (a shared `WebAssembly.Memory` holding the records and histograms), or
 * null when this runtime cannot compile it (no wasm SIMD): callers then keep the JavaScript loop,
 * which gives the same sums. Each thread instantiates its own copy over the same memory.
 *
 * @example
 * const kernel = createHistogramKernel(memory, 256)
 */
export function createHistogramKernel(memory: WebAssembly.Memory, binStride: number): HistogramKernel | null {
  return instantiateKernel(`histogram/${binStride}`, () => histogramModuleBytes(binStride), memory)
}

/**
 * Whether this runtime can run the training's WebAssembly kernels (128-bit SIMD over a shared
 * memory). Without them training falls back to the JavaScript loops: the same model, several times
 * slower — a fallback the training says once in its log (`ml:train`) rather than leave unexplained.
 */
export function simdKernelsAvailable(): boolean {
  return WebAssembly.validate(histogramModuleBytes(256))
}
