import { I32, I64, instantiateKernel, kernelModuleBytes, V128, wasm } from './wasm-emit.ts'

/**
 * `partitionInPlace` (row-store.ts) as a WebAssembly function: records `[start, end)` (byte
 * addresses, `recordBytes` apart) whose bin code at byte `featureOffset` is ≤ `bin` end up in front;
 * returns the byte address of the first record of the back part. Same two cursors, same swaps, so
 * the same record order as the JavaScript loop — a record is swapped as 16-byte vectors (72 bytes:
 * four `v128` and one `i64` each way) where JavaScript moves 18 words one by one with bounds checks.
 */
export type PartitionKernel = (start: number, end: number, featureOffset: number, bin: number) => number

const { get, set, int, add, sub, gtS, geS, leS, memory, whileNot, loop, br, when } = wasm
const [START, END, FEATURE_OFFSET, BIN, I, J, A, B, WIDE_A, WIDE_B, NARROW_A, NARROW_B] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
]

/** Swaps the `recordBytes` bytes at I and J: 16 at a time, then 8, then 4. */
function swapRecords(recordBytes: number): number[] {
  const code: number[] = []
  const chunk = (load: number[], store: number[], align: number, a: number, b: number, offset: number) => {
    code.push(...get(I), ...memory(load, align, offset), ...set(a))
    code.push(...get(J), ...memory(load, align, offset), ...set(b))
    code.push(...get(I), ...get(b), ...memory(store, align, offset))
    code.push(...get(J), ...get(a), ...memory(store, align, offset))
  }
  let offset = 0
  for (; offset + 16 <= recordBytes; offset += 16) chunk(wasm.v128Load, wasm.v128Store, 2, A, B, offset)
  for (; offset + 8 <= recordBytes; offset += 8) chunk(wasm.load64, wasm.store64, 2, WIDE_A, WIDE_B, offset)
  for (; offset + 4 <= recordBytes; offset += 4)
    chunk(wasm.load32, wasm.store32, 2, NARROW_A, NARROW_B, offset)
  return code
}

/** The wasm binary of the kernel for records of `recordBytes` bytes and bin codes of `bytesPerBin`. */
export function partitionModuleBytes(recordBytes: number, bytesPerBin: 1 | 2): Uint8Array<ArrayBuffer> {
  const load = bytesPerBin === 1 ? memory(wasm.load8U, 0, 0) : memory(wasm.load16U, 1, 0)
  const binAt = (cursor: number) => [...get(cursor), ...get(FEATURE_OFFSET), ...add, ...load]
  const step = (cursor: number, by: number[]) => [...get(cursor), ...int(recordBytes), ...by, ...set(cursor)]
  const body = [
    ...[...get(START), ...set(I)],
    ...[...get(END), ...int(recordBytes), ...sub, ...set(J)],
    ...loop([
      // Addresses stay below 2 GiB (record-arena.ts), so signed compares see j = start − 1 record;
      // bin codes compare signed too, like JavaScript numbers.
      ...whileNot(
        [
          [...get(I), ...get(J), ...gtS],
          [...binAt(I), ...get(BIN), ...gtS],
        ],
        step(I, add),
      ),
      ...whileNot(
        [
          [...get(I), ...get(J), ...gtS],
          [...binAt(J), ...get(BIN), ...leS],
        ],
        step(J, sub),
      ),
      ...when([...get(I), ...get(J), ...geS], [...get(I), ...wasm.returnValue]),
      ...swapRecords(recordBytes),
      ...step(I, add),
      ...step(J, sub),
      ...br(0),
    ]),
    ...get(I),
  ]
  return kernelModuleBytes(4, true, [I32, I32, V128, V128, I64, I64, I32, I32], body)
}

/**
 * The kernel over `memory` for records of `recordBytes` bytes, or null when this runtime cannot
 * compile it (callers keep `partitionInPlace`, which gives the same order).
 *
 * @example
 * const kernel = createPartitionKernel(memory, 72, 1)
 */
export function createPartitionKernel(
  memory: WebAssembly.Memory,
  recordBytes: number,
  bytesPerBin: 1 | 2,
): PartitionKernel | null {
  const key = `partition/${recordBytes}/${bytesPerBin}`
  return instantiateKernel(key, () => partitionModuleBytes(recordBytes, bytesPerBin), memory)
}
