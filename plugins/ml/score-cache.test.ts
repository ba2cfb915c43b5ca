import { describe, expect, test } from 'bun:test'
import type { PairInput } from '../../core/contracts/predictor.ts'
import { createScoreCache, scoreWithCache } from './score-cache.ts'

const WIDTH = 3
const pair = (a: string, moveA: string, b = 'squirtle', moveB = 'tackle'): PairInput => ({
  a,
  moveA,
  b,
  moveB,
})

/** Features that identify the pair (its name lengths), and a model that records what it was asked. */
function setup() {
  const asked: number[][] = []
  const write = (p: PairInput, into: Float32Array, offset: number) => {
    into.set([p.a.length, p.moveA.length, p.b.length], offset)
    return `${p.a}-${p.moveA}`
  }
  const infer = async (values: Float32Array, n: number) => {
    const rows = Array.from({ length: n }, (_, i) => values[i * WIDTH]!)
    asked.push(rows)
    return rows.map((x) => x / 100)
  }
  return { asked, write, infer }
}

describe('score cache', () => {
  test('a repeated request runs neither features nor the model, and gives the same rows and answers', async () => {
    const { asked, write, infer } = setup()
    const cache = createScoreCache<string>(100)
    const pairs = [pair('pikachu', 'thunderbolt'), pair('eevee', 'tackle')]
    const first = await scoreWithCache(cache, pairs, WIDTH, write, infer)
    const second = await scoreWithCache(cache, pairs, WIDTH, write, infer)
    expect(asked).toEqual([[7, 5]])
    const rows = (scored: typeof first) => scored.flatMap((s) => [...s.row])
    expect(rows(second)).toEqual(rows(first))
    expect(rows(second)).toEqual([7, 11, 8, 5, 6, 8])
    expect(second.map((s) => [s.p, s.extra])).toEqual([
      [0.07, 'pikachu-thunderbolt'],
      [0.05, 'eevee-tackle'],
    ])
  })

  test('only the pairs not seen are scored, and answers come back in request order', async () => {
    const { asked, write, infer } = setup()
    const cache = createScoreCache<string>(100)
    await scoreWithCache(cache, [pair('eevee', 'tackle')], WIDTH, write, infer)
    const mixed = await scoreWithCache(
      cache,
      [pair('pikachu', 'thunderbolt'), pair('eevee', 'tackle'), pair('geodude', 'rockthrow')],
      WIDTH,
      write,
      infer,
    )
    expect(asked).toEqual([[5], [7, 7]])
    expect(mixed.map((s) => s.extra)).toEqual(['pikachu-thunderbolt', 'eevee-tackle', 'geodude-rockthrow'])
    expect(mixed.flatMap((s) => [...s.row])).toEqual([7, 11, 8, 5, 6, 8, 7, 9, 8])
  })

  test('the cache is bounded: the least recently used pair is scored again', async () => {
    const { asked, write, infer } = setup()
    const cache = createScoreCache<string>(2)
    for (const name of ['a', 'bb', 'ccc']) await scoreWithCache(cache, [pair(name, 'x')], WIDTH, write, infer)
    await scoreWithCache(cache, [pair('ccc', 'x'), pair('a', 'x')], WIDTH, write, infer)
    expect(asked).toEqual([[1], [2], [3], [1]])
    expect(cache.size).toBe(2)
  })
})
