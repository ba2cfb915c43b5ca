import {
  type FakeExperiment,
  type FakeHandler,
  type FakeMetric,
  FakeMlflowError,
  type FakeRequestContext,
  type FakeRun,
  invalid,
  joinUri,
  keyValues,
  notFound,
  optionalInteger,
  requireString,
} from './mlflow-fake-state.ts'

/** The fake's tracking endpoints (experiments, runs, log-batch, proxied artifacts). */
const LIMITS = { metrics: 1000, params: 100, tags: 100, entities: 1000, bytes: 1_000_000 }
const RUN_STATUSES = new Set(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'])

const experimentJson = (e: FakeExperiment) => ({
  experiment_id: e.experimentId,
  name: e.name,
  artifact_location: e.artifactLocation,
  lifecycle_stage: e.lifecycleStage,
  creation_time: e.creationTime,
  last_update_time: e.creationTime,
  tags: [],
})

const runInfoJson = (r: FakeRun) => ({
  run_id: r.runId,
  run_uuid: r.runId,
  run_name: r.runName,
  experiment_id: r.experimentId,
  status: r.status,
  start_time: r.startTime,
  ...(r.endTime === undefined ? {} : { end_time: r.endTime }),
  artifact_uri: r.artifactUri,
  lifecycle_stage: r.lifecycleStage,
})

function activeRun(ctx: FakeRequestContext, runId: string): FakeRun {
  const run = ctx.state.runs.get(runId)
  if (!run) throw notFound(`Run with id=${runId} not found`)
  if (run.lifecycleStage !== 'active')
    throw invalid(`The run ${runId} must be in the 'active' state. Current state is deleted.`)
  return run
}

const getExperimentByName: FakeHandler = (ctx) => {
  const name = ctx.query.get('experiment_name') ?? ''
  if (name === '') throw invalid("Missing value for required parameter 'experiment_name'.")
  const experiment = [...ctx.state.experiments.values()].find((e) => e.name === name)
  if (!experiment) throw notFound(`Could not find experiment with name ${name}`)
  return { experiment: experimentJson(experiment) }
}

const createExperiment: FakeHandler = (ctx) => {
  const name = requireString(ctx.body, 'name')
  const taken = [...ctx.state.experiments.values()].find((e) => e.name === name)
  if (taken) {
    const where = taken.lifecycleStage === 'deleted' ? ' in deleted state' : ''
    throw new FakeMlflowError('RESOURCE_ALREADY_EXISTS', `Experiment(name=${name}) already exists${where}.`)
  }
  const experimentId = String(ctx.state.experiments.size)
  const location = ctx.body['artifact_location']
  ctx.state.experiments.set(experimentId, {
    experimentId,
    name,
    artifactLocation:
      typeof location === 'string' && location !== ''
        ? location
        : joinUri(ctx.defaultArtifactRoot, experimentId),
    lifecycleStage: 'active',
    creationTime: ctx.now(),
  })
  return { experiment_id: experimentId }
}

const createRun: FakeHandler = (ctx) => {
  const experimentId = requireString(ctx.body, 'experiment_id')
  const experiment = ctx.state.experiments.get(experimentId)
  if (!experiment) throw notFound(`No Experiment with id=${experimentId} exists`)
  if (experiment.lifecycleStage !== 'active') {
    throw invalid(`The experiment ${experimentId} must be in the 'active' state. Current state is deleted.`)
  }
  const runId = crypto.randomUUID().replaceAll('-', '')
  const runName =
    typeof ctx.body['run_name'] === 'string' ? ctx.body['run_name'] : `run-${ctx.state.runs.size + 1}`
  const tags = new Map(keyValues(ctx.body['tags'], 'tags').map(({ key, value }) => [key, value]))
  tags.set('mlflow.runName', runName)
  const run: FakeRun = {
    runId,
    experimentId,
    runName,
    status: 'RUNNING',
    startTime: optionalInteger(ctx.body, 'start_time') ?? ctx.now(),
    endTime: undefined,
    artifactUri: joinUri(joinUri(experiment.artifactLocation, runId), 'artifacts'),
    lifecycleStage: 'active',
    params: new Map(),
    tags,
    metrics: [],
  }
  ctx.state.runs.set(runId, run)
  const tagList = [...tags].map(([key, value]) => ({ key, value }))
  return { run: { info: runInfoJson(run), data: { metrics: [], params: [], tags: tagList }, inputs: {} } }
}

function parseMetric(item: unknown): FakeMetric {
  const entry = (item ?? {}) as Record<string, unknown>
  const key = requireString(entry, 'key')
  const raw = entry['value']
  const special: Record<string, number> = {
    NaN: Number.NaN,
    Infinity: Number.POSITIVE_INFINITY,
    '-Infinity': Number.NEGATIVE_INFINITY,
  }
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? special[raw] : undefined
  if (value === undefined) {
    throw invalid(
      `Got invalid value ${JSON.stringify(raw)} for metric '${key}'. Please specify value as a valid double (64-bit floating point)`,
    )
  }
  const timestamp = optionalInteger(entry, 'timestamp')
  if (timestamp === undefined || timestamp < 0) {
    throw invalid(
      `Got invalid timestamp ${String(timestamp)} for metric '${key}'. Timestamp must be a nonnegative long (64-bit integer)`,
    )
  }
  return { key, value, timestamp, step: optionalInteger(entry, 'step') ?? 0 }
}

function checkBatchLimit(name: string, limit: number, length: number): void {
  if (length > limit) {
    throw invalid(
      `A batch logging request can contain at most ${limit} ${name}. Got ${length} ${name}. ` +
        `Please split up ${name} across multiple requests and try again.`,
    )
  }
}

const logBatch: FakeHandler = (ctx) => {
  if (ctx.rawBody.byteLength > LIMITS.bytes) {
    throw invalid(
      `Batched logging API requests must be at most ${LIMITS.bytes} bytes, got a request of size ${ctx.rawBody.byteLength}.`,
    )
  }
  const run = activeRun(ctx, requireString(ctx.body, 'run_id'))
  const rawMetrics = Array.isArray(ctx.body['metrics']) ? ctx.body['metrics'] : []
  const params = keyValues(ctx.body['params'], 'params')
  const tags = keyValues(ctx.body['tags'], 'tags')
  checkBatchLimit('metrics', LIMITS.metrics, rawMetrics.length)
  checkBatchLimit('params', LIMITS.params, params.length)
  checkBatchLimit('tags', LIMITS.tags, tags.length)
  checkBatchLimit(
    'metrics, params, and tags',
    LIMITS.entities,
    rawMetrics.length + params.length + tags.length,
  )
  const metrics = rawMetrics.map(parseMetric)
  const keys = params.map((p) => p.key)
  const duplicates = keys.filter((key, i) => keys.indexOf(key) !== i)
  if (duplicates.length > 0)
    throw invalid(`Duplicate parameter keys have been submitted: ${JSON.stringify(duplicates)}.`)
  // Validate everything before writing anything: a refused batch leaves the run untouched.
  for (const { key, value } of params) {
    const logged = run.params.get(key)
    if (logged !== undefined && logged !== value) {
      throw invalid(
        `Changing param values is not allowed. Param with key='${key}' was already logged with value='${logged}' ` +
          `for run ID='${run.runId}'. Attempted logging new value '${value}'.`,
      )
    }
  }
  for (const { key, value } of params) run.params.set(key, value)
  for (const { key, value } of tags) run.tags.set(key, value)
  run.metrics.push(...metrics)
  return {}
}

const updateRun: FakeHandler = (ctx) => {
  const run = activeRun(ctx, requireString(ctx.body, 'run_id'))
  const status = ctx.body['status']
  if (status !== undefined) {
    if (typeof status !== 'string' || !RUN_STATUSES.has(status))
      throw invalid(`Invalid value ${JSON.stringify(status)} for parameter 'status'`)
    run.status = status
  }
  run.endTime = optionalInteger(ctx.body, 'end_time') ?? run.endTime
  if (typeof ctx.body['run_name'] === 'string') run.runName = ctx.body['run_name']
  return { run_info: runInfoJson(run) }
}

function artifactKey(ctx: FakeRequestContext): string {
  const path = decodeURIComponent(ctx.subPath)
  if (path === '' || path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.')) {
    throw invalid(`Invalid path: ${path}`)
  }
  return path
}

const uploadArtifact: FakeHandler = (ctx) => {
  ctx.state.artifacts.set(artifactKey(ctx), ctx.rawBody)
  return {}
}

const downloadArtifact: FakeHandler = (ctx) => {
  const bytes = ctx.state.artifacts.get(artifactKey(ctx))
  if (!bytes) throw notFound(`No such file or directory: '${ctx.subPath}'`)
  return new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } })
}

export const trackingRoutes: Record<string, FakeHandler> = {
  'GET mlflow/experiments/get-by-name': getExperimentByName,
  'POST mlflow/experiments/create': createExperiment,
  'POST mlflow/runs/create': createRun,
  'POST mlflow/runs/log-batch': logBatch,
  'POST mlflow/runs/update': updateRun,
}

/** Routes whose path continues after the key (`mlflow-artifacts/artifacts/<path>`). */
export const artifactRoutes: Record<string, FakeHandler> = {
  'PUT mlflow-artifacts/artifacts/': uploadArtifact,
  'GET mlflow-artifacts/artifacts/': downloadArtifact,
}
