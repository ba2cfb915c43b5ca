import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { etlPlugin } from '../plugins/etl/index.ts'
import { createTestKernel } from '../testing/kernel.ts'
import { createBatchReport, defineBatchGauge, renderBatchExposition } from './batch-metrics.ts'
import { KernelError } from './errors.ts'
import type { Logger } from './log.ts'
import { definePlugin } from './plugin.ts'
import { BATCH_JOB } from './pushgateway.ts'
import { defineStage } from './stages.ts'

// Stage runs push their outcome to a Pushgateway: here an in-process server that speaks the
// Pushgateway's push protocol (POST /metrics/<grouping>) and records what it receives.

type Push = { method: string; grouping: Record<string, string>; body: string }

function decodeGrouping(path: string): Record<string, string> {
  const parts = path.replace(/^\/metrics\//, '').split('/')
  const grouping: Record<string, string> = {}
  for (let i = 0; i < parts.length; i += 2) {
    const [name, encoding] = parts[i]!.split('@')
    const raw = parts[i + 1]!
    grouping[name!] = encoding === 'base64' ? Buffer.from(raw, 'base64url').toString() : raw
  }
  return grouping
}

const pushes: Push[] = []
let refuse = false
let gateway: ReturnType<typeof Bun.serve>
beforeAll(() => {
  gateway = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const url = new URL(request.url)
      if (refuse) return new Response('pushed metrics are invalid or inconsistent', { status: 400 })
      pushes.push({
        method: request.method,
        grouping: decodeGrouping(url.pathname),
        body: await request.text(),
      })
      return new Response(null, { status: 200 })
    },
  })
})
afterAll(() => gateway.stop(true))

const runtime = (log: Logger) => ({
  log,
  tty: false,
  signal: new AbortController().signal,
})
const value = (body: string, series: string) => {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const failing = defineBatchGauge({ name: 'predictiondex_test_items', help: 'Items seen before failing' })
const testPlugin = definePlugin({
  name: 'demo',
  setup(ctx) {
    ctx.stages.add(
      defineStage({
        name: 'demo:fail',
        description: 'Reports a value, then fails',
        async run(_input, run) {
          run.report(failing, 7)
          throw new Error('source unreachable')
        },
      }),
    )
  },
})

describe('stage runs and the Pushgateway', () => {
  test('etl:load and etl:verify each push their own group: run outcome, success time and ETL values', async () => {
    pushes.length = 0
    const kernel = await createTestKernel({
      plugins: [etlPlugin],
      role: 'etl',
      env: { PUSHGATEWAY_URL: `http://127.0.0.1:${gateway.port}/` },
    })
    try {
      const before = Date.now() / 1000
      await kernel.stages.run('etl:load', {}, runtime(kernel.log))
      await kernel.stages.run('etl:verify', {}, runtime(kernel.log))
      const after = Date.now() / 1000
      expect(pushes.map((p) => [p.method, p.grouping])).toEqual([
        ['POST', { job: BATCH_JOB, stage: 'etl:load' }],
        ['POST', { job: BATCH_JOB, stage: 'etl:verify' }],
      ])
      const [load, verify] = pushes.map((p) => p.body)
      expect(value(load!, 'predictiondex_stage_last_run_success{role="etl"}')).toBe(1)
      const success = value(load!, 'predictiondex_stage_last_success_timestamp_seconds{role="etl"}')!
      expect(success).toBeGreaterThanOrEqual(before)
      expect(success).toBeLessThanOrEqual(after)
      expect(load).not.toContain('predictiondex_stage_last_failure_timestamp_seconds{')
      expect(value(load!, 'predictiondex_etl_rows{table="moves",role="etl"}')).toBe(226)
      expect(value(load!, 'predictiondex_etl_rows_changed{table="moves",role="etl"}')).toBe(226)
      expect(value(load!, 'predictiondex_etl_rejects{role="etl"}')).toBe(0)
      expect(value(load!, 'predictiondex_stage_last_run_duration_seconds{role="etl"}')).toBeGreaterThan(0)
      // Each group carries only its own stage's values.
      expect(verify).not.toContain('predictiondex_etl_rows')
      expect(value(verify!, 'predictiondex_etl_quality_gates_failed{role="etl"}')).toBe(0)
    } finally {
      await kernel.stop()
    }
  })

  test('a failed run pushes success 0 and a failure time but no success time, and still fails', async () => {
    pushes.length = 0
    const kernel = await createTestKernel({
      plugins: [testPlugin],
      env: { PUSHGATEWAY_URL: `http://127.0.0.1:${gateway.port}` },
    })
    try {
      await expect(kernel.stages.run('demo:fail', {}, runtime(kernel.log))).rejects.toMatchObject({
        code: 'STAGE_FAILED',
      })
      expect(pushes).toHaveLength(1)
      const body = pushes[0]!.body
      expect(value(body, 'predictiondex_stage_last_run_success{role="test"}')).toBe(0)
      expect(value(body, 'predictiondex_stage_last_failure_timestamp_seconds{role="test"}')).toBeGreaterThan(
        0,
      )
      expect(body).not.toContain('predictiondex_stage_last_success_timestamp_seconds{')
      expect(value(body, 'predictiondex_test_items{role="test"}')).toBe(7)
    } finally {
      await kernel.stop()
    }
  })

  test('a refusing or unreachable Pushgateway is logged as a warning; the stage result stands', async () => {
    for (const url of [`http://127.0.0.1:${gateway.port}`, 'http://127.0.0.1:9']) {
      refuse = true
      const kernel = await createTestKernel({ plugins: [etlPlugin], env: { PUSHGATEWAY_URL: url } })
      try {
        const summary = await kernel.stages.run('etl:load', {}, runtime(kernel.log))
        expect(String(summary)).toContain('etl:load run #1')
        const warning = kernel.logs.find((l) => l.msg === 'could not push stage metrics')
        expect(warning, url).toBeDefined()
        expect(String(warning?.error)).toContain('PUSHGATEWAY_FAILED')
      } finally {
        refuse = false
        await kernel.stop()
      }
    }
  })

  test('without PUSHGATEWAY_URL nothing is pushed; an invalid one is a config error naming it', async () => {
    pushes.length = 0
    const kernel = await createTestKernel({ plugins: [etlPlugin], env: { PUSHGATEWAY_URL: '' } })
    try {
      await kernel.stages.run('etl:load', {}, runtime(kernel.log))
      expect(pushes).toHaveLength(0)
    } finally {
      await kernel.stop()
    }
    await expect(
      createTestKernel({ plugins: [etlPlugin], env: { PUSHGATEWAY_URL: 'ftp://gateway' } }),
    ).rejects.toThrow(/PUSHGATEWAY_URL="ftp:\/\/gateway"/)
  })
})

describe('batch gauges', () => {
  test('refuse names outside predictiondex_ and labels the push grouping owns', () => {
    expect(() => defineBatchGauge({ name: 'rows', help: 'x' })).toThrow(KernelError)
    for (const label of ['stage', 'job', 'instance', 'role', 'Bad-Label']) {
      expect(() => defineBatchGauge({ name: 'predictiondex_x', help: 'x', labelNames: [label] })).toThrow(
        /METRIC_DEFINITION_INVALID|invalid batch gauge/,
      )
    }
  })

  test('a report must give exactly the declared labels; the last value per series wins', async () => {
    const gauge = defineBatchGauge({ name: 'predictiondex_x', help: 'x "quoted"', labelNames: ['table'] })
    const run = createBatchReport()
    const report = run.report as (g: unknown, v: number, l?: Record<string, string>) => void
    expect(() => report(gauge, 1)).toThrow(/takes labels \[table\]/)
    expect(() => report(gauge, 1, { table: 'a', extra: 'b' })).toThrow(/got \[extra, table\]/)
    run.report(gauge, 1, { table: 'a"b\\c' })
    run.report(gauge, 2, { table: 'a"b\\c' })
    run.report(gauge, Number.NaN, { table: 'nan' })
    const text = await renderBatchExposition(run.samples(), { role: 'etl' })
    expect(text).toContain('predictiondex_x{table="a\\"b\\\\c",role="etl"} 2')
    expect(text).not.toContain('nan')
  })
})
