import { describe, expect, test } from 'bun:test'
import { createFakeClock } from '../../../testing/etl/http.ts'
import { createHostGate } from './host-gate.ts'

describe('createHostGate', () => {
  test('never lets more than maxConcurrent holders in, and serves waiters in order', async () => {
    const gate = createHostGate({ maxConcurrent: 2, minIntervalMs: 0, obeyRobots: false }, createFakeClock())
    const order: string[] = []
    const a = await gate.acquire()
    const b = await gate.acquire()
    const c = gate.acquire().then((release) => {
      order.push('c')
      return release
    })
    const d = gate.acquire().then((release) => {
      order.push('d')
      return release
    })
    await Bun.sleep(1)
    expect(order).toEqual([])
    a()
    a() // releasing twice must not free a second slot
    await Bun.sleep(1)
    expect(order).toEqual(['c'])
    b()
    await Promise.all([c, d])
    expect(order).toEqual(['c', 'd'])
  })

  test('reserves request starts minIntervalMs apart even for concurrent callers', async () => {
    // A clock that stands still: each caller's sleep is its distance from "now" to its reserved start.
    const sleeps: number[] = []
    const clock = { now: () => 0, sleep: async (ms: number) => void sleeps.push(ms) }
    const gate = createHostGate({ maxConcurrent: 4, minIntervalMs: 1000, obeyRobots: true }, clock)
    await Promise.all([1, 2, 3].map(() => gate.pace()))
    expect(sleeps).toEqual([1000, 2000])
  })

  test('holdUntil delays every later start; slowDownTo only ever raises the interval', async () => {
    const clock = createFakeClock(0)
    const gate = createHostGate({ maxConcurrent: 1, minIntervalMs: 100, obeyRobots: true }, clock)
    gate.holdUntil(3000)
    await gate.pace()
    expect(clock.now()).toBe(3000)
    gate.slowDownTo(50) // lower than 100: ignored
    await gate.pace()
    expect(clock.now()).toBe(3100)
    gate.slowDownTo(2000) // applies to the very next start
    await gate.pace()
    expect(clock.now()).toBe(5100)
  })
})
