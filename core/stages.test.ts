import { expect, test } from 'bun:test'
import { createMemoryLogger } from './log.ts'
import { createStageRegistry, defineStage } from './stages.ts'

const log = createMemoryLogger('error')

test('single flight: the same input joins the running run; other input is STAGE_BUSY', async () => {
  const registry = createStageRegistry()
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  let runs = 0
  registry.add(
    'etl',
    defineStage({
      name: 'etl:slow',
      description: 'slow',
      async run() {
        runs++
        await gate
        return 'done'
      },
    }),
  )
  const runtime = { log, tty: false, signal: new AbortController().signal }
  const first = registry.run('etl:slow', { a: 1 }, runtime)
  const joined = registry.run('etl:slow', { a: 1 }, runtime)
  const busy = await registry.run('etl:slow', { a: 2 }, runtime).catch((e: { code: string }) => e.code)
  expect(busy).toBe('STAGE_BUSY')
  release()
  expect(await Promise.all([first, joined])).toEqual(['done', 'done'])
  expect(runs).toBe(1)
})

test('a run abandoned by its caller (aborted signal) does not block the next run (issue 13, #10)', async () => {
  const registry = createStageRegistry()
  const gates: (() => void)[] = []
  registry.add(
    'ml',
    defineStage({
      name: 'ml:train',
      description: 'train',
      async run(input: { n: number }) {
        await new Promise<void>((resolve) => gates.push(resolve))
        return `trained ${input.n}`
      },
    }),
  )
  const abandoned = new AbortController()
  const first = registry.run('ml:train', { n: 1 }, { log, tty: false, signal: abandoned.signal })
  // The test that started it timed out: its afterEach aborts; the next test runs other flags.
  abandoned.abort()
  const next = registry.run('ml:train', { n: 2 }, { log, tty: false, signal: new AbortController().signal })
  // The abandoned run finishing later must not free the name of the run now in flight.
  while (gates.length < 2) await new Promise((resolve) => setImmediate(resolve))
  gates[0]!()
  expect(await first).toBe('trained 1')
  const busy = await registry
    .run('ml:train', { n: 3 }, { log, tty: false, signal: new AbortController().signal })
    .catch((e: { code: string }) => e.code)
  expect(busy).toBe('STAGE_BUSY')
  gates[1]!()
  expect(await next).toBe('trained 2')
})
