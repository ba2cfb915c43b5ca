/**
 * In-memory state and helpers of the fake MLflow server (`mlflow-fake.ts`). Tests read the
 * state directly to check what was logged.
 */
export interface FakeExperiment {
  experimentId: string
  name: string
  artifactLocation: string
  lifecycleStage: 'active' | 'deleted'
  creationTime: number
}
export interface FakeMetric {
  key: string
  value: number
  timestamp: number
  step: number
}
export interface FakeRun {
  runId: string
  experimentId: string
  runName: string
  status: string
  startTime: number
  endTime: number | undefined
  artifactUri: string
  lifecycleStage: 'active' | 'deleted'
  params: Map<string, string>
  tags: Map<string, string>
  /** Full history, in logging order (MLflow keeps every point, not just the latest). */
  metrics: FakeMetric[]
}
export interface FakeModelVersion {
  name: string
  version: string
  source: string
  runId: string
  creationTimestamp: number
}
export interface FakeRegisteredModel {
  name: string
  creationTimestamp: number
  versions: FakeModelVersion[]
  /** alias → version */
  aliases: Map<string, string>
}
export interface FakeRequestRecord {
  method: string
  /** URL path, e.g. `/api/2.0/mlflow/runs/log-batch`. */
  path: string
  status: number
}
export interface FakeMlflowState {
  experiments: Map<string, FakeExperiment>
  runs: Map<string, FakeRun>
  /** Artifact bytes by path under the artifact root, e.g. `1/<run_id>/artifacts/model.onnx`. */
  artifacts: Map<string, Uint8Array<ArrayBuffer>>
  models: Map<string, FakeRegisteredModel>
  /** Every request answered, in order, so tests can count calls per endpoint. */
  requests: FakeRequestRecord[]
}

/** Everything a handler needs: the state, the parsed request and the server's settings. */
export interface FakeRequestContext {
  state: FakeMlflowState
  body: Record<string, unknown>
  query: URLSearchParams
  rawBody: Uint8Array<ArrayBuffer>
  /** The path after the route prefix (artifact routes only). */
  subPath: string
  defaultArtifactRoot: string
  now: () => number
}
export type FakeHandler = (ctx: FakeRequestContext) => unknown

/** MLflow's `ErrorCode → HTTP status` mapping for the codes the fake raises. */
const STATUS_BY_CODE: Record<string, number> = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  BAD_REQUEST: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  TEMPORARILY_UNAVAILABLE: 503,
}

/** An error the fake turns into MLflow's `{error_code, message}` body with the matching status. */
export class FakeMlflowError extends Error {
  readonly code: string
  readonly status: number
  constructor(code: string, message: string) {
    super(message)
    this.name = 'FakeMlflowError'
    this.code = code
    this.status = STATUS_BY_CODE[code] ?? 500
  }
}

export const invalid = (message: string) => new FakeMlflowError('INVALID_PARAMETER_VALUE', message)
export const notFound = (message: string) => new FakeMlflowError('RESOURCE_DOES_NOT_EXIST', message)

/** MLflow's wording for a missing or wrongly typed request field. */
export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (value === undefined || value === null || value === '') {
    throw invalid(
      `Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`,
    )
  }
  if (typeof value !== 'string') {
    throw invalid(
      `Invalid value ${JSON.stringify(value)} for parameter '${field}' supplied. Hint: Value was of type '${typeof value}'. ` +
        'See the API docs for more information about request parameters.',
    )
  }
  return value
}

export function optionalInteger(body: Record<string, unknown>, field: string): number | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number))
    throw invalid(`Invalid value for parameter '${field}': expected a 64-bit integer`)
  return number
}

/** `{key, value}` pairs as MLflow sends them (tags of runs, experiments, versions). */
export function keyValues(value: unknown, field: string): { key: string; value: string }[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalid(`Invalid value for parameter '${field}': expected a list`)
  return value.map((item) => {
    const entry = (item ?? {}) as Record<string, unknown>
    return {
      key: requireString(entry, 'key'),
      value: typeof entry['value'] === 'string' ? entry['value'] : String(entry['value'] ?? ''),
    }
  })
}

/**
 * MLflow's Host allow-list matching (`fnmatch` when the pattern has `*`, exact otherwise). The
 * Host header carries the port, so `mlflow` does not match `mlflow:5000`; `mlflow:*` does.
 */
export function hostAllowed(allowedHosts: readonly string[], host: string): boolean {
  if (host === '') return false
  if (allowedHosts.includes('*')) return true
  return allowedHosts.some((pattern) => {
    if (!pattern.includes('*')) return pattern === host
    const regex = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
    return new RegExp(`^${regex}$`).test(host)
  })
}

/** MLflow ≥ 3.5's default allow-list: loopback names with any port, and private IP ranges. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = [
  ...['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].flatMap((host) => [host, `${host}:*`]),
  '192.168.*',
  '10.*',
  ...Array.from({ length: 16 }, (_, i) => `172.${16 + i}.*`),
]

export function createFakeState(now: number, defaultArtifactRoot: string): FakeMlflowState {
  const state: FakeMlflowState = {
    experiments: new Map(),
    runs: new Map(),
    artifacts: new Map(),
    models: new Map(),
    requests: [],
  }
  // Like a fresh MLflow server: experiment 0 "Default" always exists.
  state.experiments.set('0', {
    experimentId: '0',
    name: 'Default',
    artifactLocation: joinUri(defaultArtifactRoot, '0'),
    lifecycleStage: 'active',
    creationTime: now,
  })
  return state
}

/** `mlflow-artifacts:/` + `1` → `mlflow-artifacts:/1`; `file:///mlruns` + `1` → `file:///mlruns/1`. */
export const joinUri = (root: string, child: string): string => `${root.replace(/\/+$/, '')}/${child}`
