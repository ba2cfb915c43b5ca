import { expect, test } from 'bun:test'
import { createMemoryLogger } from './log.ts'
import { createProgress } from './progress.ts'

test('off a terminal, progress logs a line at most every interval and a summary at the end', () => {
  const log = createMemoryLogger()
  let clock = 0
  const progress = createProgress({
    label: 'battles',
    total: 100,
    log,
    tty: false,
    everySeconds: 5,
    now: () => clock,
  })
  for (let i = 0; i < 100; i++) {
    clock += 100
    progress.tick()
  }
  progress.done()
  const lines = log.lines.map((l) => String(l.msg))
  expect(lines.filter((l) => l.startsWith('battles: ')).length).toBe(3)
  expect(lines.at(-1)).toBe('battles: 100 done in 10.0s')
})

test('on a terminal, the bar is redrawn in place with percentage, rate and ETA; update() grows the total', () => {
  const log = createMemoryLogger()
  const out: string[] = []
  let clock = 0
  const progress = createProgress({
    label: 'crawl',
    total: 10,
    log,
    tty: true,
    write: (t) => out.push(t),
    now: () => clock,
  })
  clock = 1000
  progress.tick(5)
  clock = 2000
  progress.update(10, 40)
  progress.done('crawl finished')
  expect(out[0]).toMatch(/^\rcrawl █+░+ {2}50\.0% 5\/10 5\/s ETA 1s/)
  expect(out.some((t) => t.includes('10/40') && t.includes('25.0%'))).toBe(true)
  expect(out.at(-1)).toBe('\n')
  expect(log.lines.at(-1)?.msg).toBe('crawl finished')
})

test('a resumed build counts its earlier work in the bar but not in the rate: the ETA stays honest', () => {
  const log = createMemoryLogger()
  let clock = 0
  const progress = createProgress({
    label: 'pairs',
    total: 1000,
    resumed: 900,
    log,
    tty: false,
    everySeconds: 1,
    now: () => clock,
  })
  clock = 10_000
  progress.tick(10) // 10 pairs in 10 s: 1/s, 90 left
  const last = log.lines.at(-1)!
  expect(String(last.msg)).toBe('pairs: 910/1000 (91.0%)')
  expect(last).toMatchObject({ rate: 1, eta: '1m30s' })
})
