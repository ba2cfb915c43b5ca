import { describe, expect, test } from 'bun:test'
import {
  chunkLogBatch,
  MLFLOW_BATCH_LIMITS,
  toWireMetricValue,
  type WireKeyValue,
  type WireMetric,
} from './batch.ts'
import { MlflowError } from './errors.ts'

const metrics = (n: number): WireMetric[] =>
  Array.from({ length: n }, (_, i) => ({ key: 'loss', value: i / 10, timestamp: 1_700_000_000_000, step: i }))
const pairs = (n: number, prefix: string, valueLength = 4): WireKeyValue[] =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'v'.repeat(valueLength) }))
const bytesOf = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).byteLength

describe('chunkLogBatch', () => {
  test('2,500 metrics become 1000 + 1000 + 500, in order', () => {
    const bodies = chunkLogBatch('r1', { metrics: metrics(2500), params: [], tags: [] })
    expect(bodies.map((b) => b.metrics.length)).toEqual([1000, 1000, 500])
    expect(bodies.flatMap((b) => b.metrics.map((m) => m.step))).toEqual(metrics(2500).map((m) => m.step))
    expect(bodies.every((b) => b.run_id === 'r1')).toBe(true)
  })

  test('params and tags are capped at 100 per request, params first', () => {
    const bodies = chunkLogBatch('r1', { metrics: [], params: pairs(250, 'p'), tags: pairs(30, 't') })
    expect(bodies.map((b) => [b.params.length, b.tags.length])).toEqual([
      [100, 0],
      [100, 0],
      [50, 30],
    ])
  })

  test('metrics + params + tags together never exceed 1000 entities', () => {
    const bodies = chunkLogBatch('r1', {
      metrics: metrics(990),
      params: pairs(20, 'p'),
      tags: pairs(20, 't'),
    })
    for (const body of bodies) {
      expect(body.metrics.length + body.params.length + body.tags.length).toBeLessThanOrEqual(
        MLFLOW_BATCH_LIMITS.entities,
      )
    }
    expect(bodies[0]).toMatchObject({ params: pairs(20, 'p'), tags: pairs(20, 't') })
    expect(bodies.reduce((n, b) => n + b.metrics.length, 0)).toBe(990)
  })

  test('splits on the byte limit and every body stays under it', () => {
    // 100 params at MLflow's 6000-character cap + 100 tags of 5000 are ~1.1 MB: within the count
    // limits of one request, over its 1,000,000-byte limit.
    const bodies = chunkLogBatch('r1', {
      metrics: [],
      params: pairs(100, 'p', 6000),
      tags: pairs(100, 't', 5000),
    })
    expect(bodies.length).toBe(2)
    expect(bodies[0]!.params.length).toBe(100)
    for (const body of bodies) expect(bytesOf(body)).toBeLessThanOrEqual(MLFLOW_BATCH_LIMITS.bytes)
    const small = chunkLogBatch(
      'r1',
      { metrics: metrics(50), params: [], tags: [] },
      { ...MLFLOW_BATCH_LIMITS, bytes: 600 },
    )
    expect(small.length).toBeGreaterThan(5)
    for (const body of small) expect(bytesOf(body)).toBeLessThanOrEqual(600)
  })

  test('an empty batch sends nothing; one item over the byte limit is refused locally', () => {
    expect(chunkLogBatch('r1', { metrics: [], params: [], tags: [] })).toEqual([])
    const huge = () =>
      chunkLogBatch(
        'r1',
        { metrics: [], params: pairs(1, 'p', 200), tags: [] },
        { ...MLFLOW_BATCH_LIMITS, bytes: 150 },
      )
    expect(huge).toThrow(MlflowError)
    expect(huge).toThrow(/p0/)
  })
})

test('non-finite metric values use protobuf JSON spellings (JSON.stringify would send null)', () => {
  expect(
    [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5].map(toWireMetricValue),
  ).toEqual(['NaN', 'Infinity', '-Infinity', 0.5])
})
