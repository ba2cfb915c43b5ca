import { type BatchSample, defineBatchGauge, renderBatchExposition } from './batch-metrics.ts'
import { describeError, KernelError } from './errors.ts'
import type { Logger } from './log.ts'

/** The Pushgateway `job` of every stage run; the stage name is the second grouping label. */
export const BATCH_JOB = 'predictiondex-batch'

/**
 * What every stage run reports, whatever the stage. Alerts use the success timestamp: it is pushed
 * only by a successful run, and a POST replaces only the metrics it carries, so a failed run keeps
 * the previous success time (the staleness alert keeps counting from it).
 */
export const STAGE_RUN_METRICS = {
  duration: defineBatchGauge({
    name: 'predictiondex_stage_last_run_duration_seconds',
    help: 'Duration of the last run of the stage',
  }),
  success: defineBatchGauge({
    name: 'predictiondex_stage_last_run_success',
    help: '1 when the last run of the stage succeeded, 0 when it failed',
  }),
  lastSuccess: defineBatchGauge({
    name: 'predictiondex_stage_last_success_timestamp_seconds',
    help: 'Unix time the stage last finished successfully',
  }),
  lastFailure: defineBatchGauge({
    name: 'predictiondex_stage_last_failure_timestamp_seconds',
    help: 'Unix time the stage last failed',
  }),
} as const

/** How one stage run ended, with the values it reported. */
export interface StageOutcome {
  readonly stage: string
  readonly ok: boolean
  readonly seconds: number
  /** Unix time in seconds. */
  readonly finishedAt: number
  readonly samples: readonly BatchSample[]
}

/** The samples pushed for one run: the stage's own values plus the run metrics above. */
export function outcomeSamples(outcome: StageOutcome): BatchSample[] {
  const sample = (gauge: BatchSample['gauge'], value: number): BatchSample => ({ gauge, value, labels: {} })
  return [
    ...outcome.samples,
    sample(STAGE_RUN_METRICS.duration, outcome.seconds),
    sample(STAGE_RUN_METRICS.success, outcome.ok ? 1 : 0),
    sample(outcome.ok ? STAGE_RUN_METRICS.lastSuccess : STAGE_RUN_METRICS.lastFailure, outcome.finishedAt),
  ]
}

/** `name@base64/value`: the Pushgateway's encoding for values with characters a path cannot hold. */
function groupingPath(grouping: Readonly<Record<string, string>>): string {
  return Object.entries(grouping)
    .map(([name, value]) => `${name}@base64/${Buffer.from(value).toString('base64url') || '='}`)
    .join('/')
}

/**
 * Pushes one stage outcome: `POST /metrics/job@base64/…/stage@base64/…` (POST replaces only the
 * metric names it carries, within the stage's own group).
 *
 * @throws KernelError `PUSHGATEWAY_FAILED` when the Pushgateway cannot be reached or refuses.
 * @example
 * await pushStageOutcome({ url: 'http://pushgateway:9091', role: 'etl' }, outcome)
 */
export async function pushStageOutcome(
  target: { url: string; role: string; timeoutMs?: number; fetch?: typeof fetch },
  outcome: StageOutcome,
): Promise<void> {
  const body = await renderBatchExposition(outcomeSamples(outcome), { role: target.role })
  const url = `${target.url.replace(/\/+$/, '')}/metrics/${groupingPath({ job: BATCH_JOB, stage: outcome.stage })}`
  const send = target.fetch ?? fetch
  let response: Response
  try {
    response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(target.timeoutMs ?? 5000),
    })
  } catch (cause) {
    throw new KernelError('PUSHGATEWAY_FAILED', `cannot push ${outcome.stage} to ${target.url}`, { cause })
  }
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).slice(0, 500)
    throw new KernelError(
      'PUSHGATEWAY_FAILED',
      `pushgateway refused ${outcome.stage}: HTTP ${response.status} ${detail}`.trim(),
    )
  }
}

/**
 * The kernel's hook for finished stages when `PUSHGATEWAY_URL` is set. A failed push is logged,
 * never thrown: monitoring must not fail the batch job (the staleness alert notices instead).
 *
 * @example
 * createStageRegistry({ onFinished: createStagePusher({ url, role: 'etl', log }) })
 */
export function createStagePusher(options: {
  url: string
  role: string
  log: Logger
  fetch?: typeof fetch
}): (outcome: StageOutcome) => Promise<void> {
  return async (outcome) => {
    try {
      await pushStageOutcome(options, outcome)
      options.log.debug('pushed stage metrics', { stage: outcome.stage, ok: outcome.ok })
    } catch (error) {
      options.log.warn('could not push stage metrics', { stage: outcome.stage, error: describeError(error) })
    }
  }
}
