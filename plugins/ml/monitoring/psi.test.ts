import { expect, test } from 'bun:test'
import { buildReference, psi } from './psi.ts'

function sample(n: number, shift: number, seed: number): Float32Array {
  let s = seed
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    out[i] = (s / 2 ** 31) * 100 + shift
  }
  return out
}

test('the same distribution scores near 0; a shifted one scores above the 0.25 alert threshold', () => {
  const reference = buildReference(sample(20_000, 0, 1), 20_000, 1)[0]!
  expect(reference.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
  expect(reference.shares).toHaveLength(10)
  expect(psi(reference, sample(5_000, 0, 2))).toBeLessThan(0.02)
  expect(psi(reference, sample(5_000, 40, 3))).toBeGreaterThan(0.25)
})

test('a constant feature has one bin and stays finite; an empty window scores 0', () => {
  const reference = buildReference(new Float32Array(1000).fill(3), 1000, 1)[0]!
  expect(reference.edges).toEqual([])
  expect(psi(reference, [3, 3, 3])).toBe(0)
  expect(Number.isFinite(psi(reference, [9, 9]))).toBe(true)
  expect(psi(reference, [])).toBe(0)
})
