/**
 * A few-instruction WebAssembly assembler for the training kernels (wasm-histogram.ts,
 * wasm-partition.ts): each kernel is one exported function over the shared memory of the run's
 * records and histograms, emitted as bytes at run time — no toolchain and no binary file in the
 * repo, and a kernel can be specialised to the record layout (constant offsets, unrolled copies).
 */

const unsigned = (n: number): number[] => {
  const out: number[] = []
  do {
    let byte = n & 0x7f
    n >>>= 7
    if (n !== 0) byte |= 0x80
    out.push(byte)
  } while (n !== 0)
  return out
}
const signed = (n: number): number[] => {
  const out: number[] = []
  for (;;) {
    const byte = n & 0x7f
    n >>= 7
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte]
    out.push(byte | 0x80)
  }
}
const section = (id: number, body: number[]) => [id, ...unsigned(body.length), ...body]
const name = (text: string) => [...unsigned(text.length), ...new TextEncoder().encode(text)]

/** Instructions, as byte lists to spread into a function body. */
export const wasm = {
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  int: (n: number) => [0x41, ...signed(n)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  and: [0x71],
  shl: [0x74],
  shrU: [0x76],
  geU: [0x4f],
  geS: [0x4e],
  gtS: [0x4a],
  leS: [0x4c],
  /** Memory access `op` with alignment 2^align and a constant byte offset. */
  memory: (op: number[], align: number, offset: number) => [...op, align, ...unsigned(offset)],
  load8U: [0x2d],
  load16U: [0x2f],
  load32: [0x28],
  store32: [0x36],
  load64: [0x29],
  store64: [0x37],
  simd: (op: number) => [0xfd, ...unsigned(op)],
  v128Load: [0xfd, 0],
  v128Store: [0xfd, 11],
  /** `block loop (<condition> br_if 1)… body br 0 end end`: loops until one condition holds. */
  whileNot: (exitWhen: number[][], body: number[]) => [
    ...[0x02, 0x40, 0x03, 0x40],
    ...exitWhen.flatMap((condition) => [...condition, 0x0d, 1]),
    ...body,
    ...[0x0c, 0, 0x0b, 0x0b],
  ],
  /** `loop body end`: runs again only where `body` branches back (`br 0` at its top level). */
  loop: (body: number[]) => [0x03, 0x40, ...body, 0x0b],
  br: (depth: number) => [0x0c, depth],
  /** `if <condition> body end`. */
  when: (condition: number[], body: number[]) => [...condition, 0x04, 0x40, ...body, 0x0b],
  returnValue: [0x0f],
}

/** Value types. */
export const I32 = 0x7f
export const I64 = 0x7e
export const V128 = 0x7b

/**
 * A module importing a shared memory as `m.memory` (up to 4 GiB) and exporting one function
 * `kernel` with i32 parameters, at most one i32 result, and the given locals (in declaration order).
 */
export function kernelModuleBytes(
  nParams: number,
  returnsI32: boolean,
  locals: number[],
  body: number[],
): Uint8Array<ArrayBuffer> {
  const groups: number[] = []
  for (const type of locals) {
    if (groups.length > 0 && groups.at(-1) === type) groups[groups.length - 2]!++
    else groups.push(1, type)
  }
  const code = [groups.length / 2, ...groups, ...body, 0x0b]
  return new Uint8Array([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, nParams, ...Array<number>(nParams).fill(I32), ...(returnsI32 ? [1, I32] : [0])]),
    ...section(2, [1, ...name('m'), ...name('memory'), 0x02, 0x03, 0, ...unsigned(65_536)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('kernel'), 0, 0]),
    ...section(10, [1, ...unsigned(code.length), ...code]),
  ])
}

const modules = new Map<string, WebAssembly.Module | null>()

/**
 * The `kernel` function of the module `key` (built by `bytes` the first time) over `memory`, or
 * null when this runtime cannot compile it (no wasm SIMD): callers then keep their JavaScript
 * loop. Modules are compiled once per thread and key; each call instantiates over `memory`.
 *
 * @example
 * const kernel = instantiateKernel('histogram/256', () => histogramModuleBytes(256), memory)
 */
export function instantiateKernel<F>(
  key: string,
  bytes: () => Uint8Array<ArrayBuffer>,
  memory: WebAssembly.Memory,
): F | null {
  let module = modules.get(key)
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(bytes())
    } catch {
      module = null
    }
    modules.set(key, module)
  }
  if (module === null) return null
  return new WebAssembly.Instance(module, { m: { memory } }).exports.kernel as F
}
