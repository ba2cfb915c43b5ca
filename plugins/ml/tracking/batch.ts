import { MlflowError } from './errors.ts'

/**
 * MLflow's per-request limits for `runs/log-batch` (mlflow/utils/validation.py). A request over
 * any of them is refused whole with `INVALID_PARAMETER_VALUE`, so we split before sending.
 * Note the fourth: metrics + params + tags together may not exceed 1000 either, and the body
 * limit is 1,000,000 bytes (`int(1e6)`), not 1 MiB.
 */
export const MLFLOW_BATCH_LIMITS = {
  metrics: 1000,
  params: 100,
  tags: 100,
  entities: 1000,
  bytes: 1_000_000,
} as const

export type BatchLimits = { readonly [K in keyof typeof MLFLOW_BATCH_LIMITS]: number }

/** A metric value on the wire: protobuf's JSON mapping spells non-finite doubles as strings. */
export type WireMetricValue = number | 'NaN' | 'Infinity' | '-Infinity'
export interface WireMetric {
  key: string
  value: WireMetricValue
  timestamp: number
  step: number
}
export interface WireKeyValue {
  key: string
  value: string
}
export interface LogBatchBody {
  run_id: string
  metrics: WireMetric[]
  params: WireKeyValue[]
  tags: WireKeyValue[]
}

/** `JSON.stringify(NaN)` is `null`, which MLflow rejects; protobuf JSON accepts these strings. */
export function toWireMetricValue(value: number): WireMetricValue {
  if (Number.isFinite(value)) return value
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? 'Infinity' : '-Infinity'
}

type Kind = 'params' | 'tags' | 'metrics'
const encoder = new TextEncoder()
const byteLength = (value: unknown): number => encoder.encode(JSON.stringify(value)).byteLength

/**
 * Splits one logical batch into `log-batch` bodies that each respect every limit. Params go
 * first, then tags, then metrics: a param conflict (params are immutable) then fails the first
 * request, before any metric of the run was written.
 *
 * @example
 * chunkLogBatch('run1', { metrics: twoThousandFiveHundred, params: [], tags: [] }).length // 3
 */
export function chunkLogBatch(
  runId: string,
  batch: { metrics: WireMetric[]; params: WireKeyValue[]; tags: WireKeyValue[] },
  limits: BatchLimits = MLFLOW_BATCH_LIMITS,
): LogBatchBody[] {
  const emptyBody = (): LogBatchBody => ({ run_id: runId, metrics: [], params: [], tags: [] })
  const baseBytes = byteLength(emptyBody())
  const bodies: LogBatchBody[] = []
  let current = emptyBody()
  let entities = 0
  let bytes = baseBytes

  const add = (kind: Kind, item: WireMetric | WireKeyValue) => {
    // +1 for the comma that separates it from a neighbour: at most 3 bytes of overestimate.
    const itemBytes = byteLength(item) + 1
    if (baseBytes + itemBytes > limits.bytes) {
      throw new MlflowError(
        'MLFLOW_INVALID_INPUT',
        `${kind.slice(0, -1)} '${item.key}' alone is ${itemBytes} bytes, over the ${limits.bytes}-byte log-batch limit`,
        { endpoint: 'POST mlflow/runs/log-batch' },
      )
    }
    const full =
      current[kind].length >= limits[kind] || entities >= limits.entities || bytes + itemBytes > limits.bytes
    if (full) {
      bodies.push(current)
      current = emptyBody()
      entities = 0
      bytes = baseBytes
    }
    ;(current[kind] as (WireMetric | WireKeyValue)[]).push(item)
    entities++
    bytes += itemBytes
  }

  for (const param of batch.params) add('params', param)
  for (const tag of batch.tags) add('tags', tag)
  for (const metric of batch.metrics) add('metrics', metric)
  if (entities > 0) bodies.push(current)
  return bodies
}
