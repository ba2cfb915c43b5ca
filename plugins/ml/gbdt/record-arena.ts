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
 * The two record stores and the histograms: one shared wasm memory (stores at 0 and at
 * `storeBytes` rounded up to 64 bytes, histograms after them) when it fits `WASM_MEMORY_LIMIT`,
 * else the work store's buffer also holds the histograms after its records.
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
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true })
    const buffer = memory.buffer
    return { memory, stores: [buffer, buffer], storeOffsets: [0, second], histogramOffset }
  }
  const stores: [SharedArrayBuffer, SharedArrayBuffer] = [
    new SharedArrayBuffer(storeBytes),
    new SharedArrayBuffer(second + histogramBytes),
  ]
  return { memory: null, stores, storeOffsets: [0, 0], histogramOffset: second }
}
