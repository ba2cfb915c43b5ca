/** Where a training run's records and histograms live (see `SharedBuffers` in shared-training.ts). */
export interface RecordArena {
  /** Shared wasm memory holding both stores and the histograms, or null (plain shared buffers). */
  memory: WebAssembly.Memory | null
  stores: [ArrayBufferLike, ArrayBufferLike]
  /** Byte offsets of the two stores in their buffers (in `memory.buffer` when there is a memory). */
  storeOffsets: [number, number]
  /** Byte offset of the histograms in `memory.buffer`, else in the work store's buffer. */
  histogramOffset: number
}

/**
 * Records and histograms above this size stay in plain shared buffers: wasm memory addresses are
 * 32-bit; the JavaScript histogram loop then runs instead of the wasm one (same sums).
 */
const WASM_MEMORY_LIMIT = 2 ** 31
const WASM_PAGE = 65_536

/**
 * The wasm memory of this thread's last finished training run, for its next run (see
 * `shelveArena`). Why: a new shared `WebAssembly.Memory` of ≈ 100 MB cost ≈ 0.03 CPU-s in a
 * process with a large heap (the largest self time of a grid search's profile: JavaScriptCore
 * collects garbage to account for it), a sizeable part of a small training; a grid search trains
 * dozens of times in a row. Held weakly, so it never keeps
 * memory alive that the garbage collector would free; one per thread (module state is per thread).
 */
let spare: WeakRef<WebAssembly.Memory> | undefined

/**
 * The spare memory when it holds `bytes` and is at most twice the `pages` a new one would have (a
 * much larger one is left to the collector), zeroed over those bytes so the run starts from the
 * same state as in a new memory.
 */
function takeSpare(bytes: number, pages: number): WebAssembly.Memory | undefined {
  const memory = spare?.deref()
  spare = undefined
  if (memory === undefined) return undefined
  const length = memory.buffer.byteLength
  if (length < bytes || length > 2 * pages * WASM_PAGE) return undefined
  new Uint8Array(memory.buffer, 0, bytes).fill(0)
  return memory
}

/**
 * Offers a finished run's wasm memory to the next `recordArena` call of this thread. Call it only
 * once nothing reads or writes the arena any more (the run's workers stopped, its model copied out);
 * a run that failed is not shelved (a worker may still be writing).
 *
 * @example
 * const model = …train on arena…; shelveArena(arena)
 */
export function shelveArena(arena: RecordArena): void {
  if (arena.memory !== null) spare = new WeakRef(arena.memory)
}

/**
 * The two record stores and the histograms: one shared wasm memory (stores at 0 and at
 * `storeBytes` rounded up to 64 bytes, histograms after them) when it fits `WASM_MEMORY_LIMIT`,
 * else the work store's buffer also holds the histograms after its records. The memory is the
 * thread's shelved one when it fits (see `shelveArena`), zeroed: the same bytes as a new one.
 *
 * @example
 * const arena = recordArena(36_000_000, 80 * 245_760)
 */
export function recordArena(storeBytes: number, histogramBytes: number): RecordArena {
  const second = Math.ceil(storeBytes / 64) * 64
  const histogramOffset = second + second
  const total = histogramOffset + histogramBytes
  if (total <= WASM_MEMORY_LIMIT) {
    const pages = Math.ceil(total / WASM_PAGE)
    const memory =
      takeSpare(total, pages) ?? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true })
    const buffer = memory.buffer
    return { memory, stores: [buffer, buffer], storeOffsets: [0, second], histogramOffset }
  }
  const stores: [SharedArrayBuffer, SharedArrayBuffer] = [
    new SharedArrayBuffer(storeBytes),
    new SharedArrayBuffer(second + histogramBytes),
  ]
  return { memory: null, stores, storeOffsets: [0, 0], histogramOffset: second }
}
