import { afterAll, afterEach, describe, expect, test } from 'bun:test'
import { createSolverPool, type SolverPool } from './solver-pool.ts'

// The pool on real solver workers (one thread, so the order of the queue is the order of answers).

const job = (a: string, moveA: string, b: string, moveB: string) => ({
  a,
  moveA,
  b,
  moveB,
  slugs: { moveA, moveB },
})

let pool: SolverPool | undefined
afterEach(() => pool?.close())

/**
 * One pool of one worker for the tests that need no special size or queue: each test ends with an
 * empty backlog, and a worker's cold start (it loads the battle engine) is ≈ 0.8 CPU-s.
 */
let oneWorker: SolverPool | undefined
const sharedPool = () => {
  oneWorker ??= createSolverPool({ size: 1, maxQueue: 10, hardTimeoutMs: 120_000 })
  return oneWorker
}
afterAll(() => oneWorker?.close())

describe('solver pool', () => {
  test('a deferred solve waits behind the solves clients wait for, and promote brings it back', async () => {
    const pool = sharedPool()
    const order: string[] = []
    const track = (name: string, p: Promise<unknown>) => p.then(() => order.push(name))
    const first = track('first', pool.solve(job('pikachu', 'thunderbolt', 'squirtle', 'tackle'), 'first'))
    const deferred = track(
      'deferred',
      pool.solve(job('charmander', 'ember', 'bulbasaur', 'vinewhip'), 'deferred'),
    )
    const promoted = track('promoted', pool.solve(job('geodude', 'rockthrow', 'pidgey', 'gust'), 'promoted'))
    const live = track('live', pool.solve(job('eevee', 'tackle', 'meowth', 'scratch'), 'live'))
    pool.defer('deferred')
    pool.defer('promoted')
    pool.promote('promoted')
    expect(pool.backlog()).toBe(4)
    await Promise.all([first, deferred, promoted, live])
    // 'first' was already running; 'promoted' is back among the live ones, behind 'live'
    expect(order).toEqual(['first', 'live', 'promoted', 'deferred'])
    expect(pool.backlog()).toBe(0)
  })

  test('the same key shares one solve; a deferred one rejoins the live queue when asked again', async () => {
    const pool = sharedPool()
    const order: string[] = []
    const first = pool
      .solve(job('pikachu', 'thunderbolt', 'squirtle', 'tackle'), 'first')
      .then(() => order.push('first'))
    const again = job('charmander', 'ember', 'bulbasaur', 'vinewhip')
    const one = pool.solve(again, 'again')
    pool.defer('again')
    const other = pool
      .solve(job('eevee', 'tackle', 'meowth', 'scratch'), 'other')
      .then(() => order.push('other'))
    const two = pool.solve(again, 'again')
    expect(two).toBe(one)
    const shared = one.then(() => order.push('again'))
    await Promise.all([first, other, shared])
    expect(order).toEqual(['first', 'other', 'again'])
    const result = await one
    expect(result.kind).toBe('exact')
  })

  test('warm() starts every worker before any request, and they answer afterwards', async () => {
    pool = createSolverPool({ size: 2, maxQueue: 10, hardTimeoutMs: 120_000 })
    expect(await pool.warm()).toBe(2)
    expect(pool.backlog()).toBe(0)
    const answer = await pool.solve(job('gengar', 'shadowball', 'snorlax', 'bodyslam'), 'after')
    expect(answer.kind).toBe('exact')
  })

  test('size 0 solves on the calling thread: the answers of a worker, the same queue order, no worker', async () => {
    const inWorker = sharedPool()
    const pairs = [
      job('pikachu', 'thunderbolt', 'squirtle', 'tackle'),
      job('gengar', 'shadowball', 'snorlax', 'bodyslam'),
      job('ditto', 'transform', 'pikachu', 'thunderbolt'),
    ]
    const expected = await Promise.all(pairs.map((p, i) => inWorker.solve(p, `pair ${i}`)))
    pool = createSolverPool({ size: 0, maxQueue: 10, hardTimeoutMs: 120_000 })
    expect(await pool.warm()).toBe(0)
    const order: string[] = []
    const answers = pairs.map(async (p, i) => {
      const answer = await pool!.solve(p, `pair ${i}`)
      order.push(`pair ${i}`)
      return answer
    })
    pool.defer('pair 1')
    expect(pool.backlog()).toBe(3)
    expect(await Promise.all(answers)).toEqual(expected)
    expect(order).toEqual(['pair 0', 'pair 2', 'pair 1'])
    expect(expected.map((r) => r.kind)).toEqual(['exact', 'exact', 'unsupported'])
  })

  test('a full queue refuses with a code instead of growing without bound', async () => {
    pool = createSolverPool({ size: 1, maxQueue: 1, hardTimeoutMs: 120_000 })
    const running = pool.solve(job('pikachu', 'thunderbolt', 'squirtle', 'tackle'), 'a')
    const waiting = pool.solve(job('eevee', 'tackle', 'meowth', 'scratch'), 'b')
    pool.defer('b')
    await expect(pool.solve(job('charmander', 'ember', 'bulbasaur', 'vinewhip'), 'c')).rejects.toMatchObject({
      code: 'ML_SOLVER_BUSY',
    })
    await Promise.all([running, waiting])
  })
})
