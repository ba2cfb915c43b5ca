import type { z } from 'zod'
import type { Logger } from '../../../core/log.ts'
import { MlflowError } from './errors.ts'
import { errorBodySchema } from './schemas.ts'

/** The part of the kernel logger the client uses; a test can pass `{ debug() {}, warn() {} }`. */
export type MlflowLog = Pick<Logger, 'debug' | 'warn'>

export interface RetryOptions {
  /** Total attempts per call, the first included (default 4). */
  attempts: number
  /** First back-off delay; doubles each retry, capped at 5 s (default 250 ms). */
  baseDelayMs: number
}

export interface TransportOptions {
  trackingUri: string
  fetch?: typeof fetch
  log?: MlflowLog
  timeoutMs?: number
  retry?: Partial<RetryOptions>
  headers?: Record<string, string>
}

export interface MlflowRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path under `/api/2.0/`, e.g. `mlflow/runs/create`. */
  path: string
  query?: Record<string, string>
  json?: unknown
  bytes?: Uint8Array
  schema: z.ZodType<T>
  /**
   * Whether repeating the call is harmless. Non-idempotent calls (`runs/create`,
   * `model-versions/create`) are retried only when the server certainly did nothing
   * (connection refused, 429, 503), so a retry never creates a second run or version.
   */
  idempotent: boolean
}

export type Transport = <T>(request: MlflowRequest<T>) => Promise<T>

const MAX_DELAY_MS = 5_000
const noLog: MlflowLog = { debug() {}, warn() {} }

/** Validates and normalises the tracking URI: http(s) only, no credentials, no trailing slash. */
export function normaliseTrackingUri(trackingUri: string): string {
  let url: URL
  try {
    url = new URL(trackingUri)
  } catch (cause) {
    throw new MlflowError('MLFLOW_BAD_TRACKING_URI', `not a URL: '${trackingUri}'`, { endpoint: '-', cause })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MlflowError(
      'MLFLOW_BAD_TRACKING_URI',
      `tracking URI must be http(s)://host:port of an MLflow server, got '${url.protocol}'`,
      { endpoint: '-' },
    )
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/**
 * `http://user:pass@host` → a Basic `authorization` header (MLflow's basic-auth app), so the
 * credentials work without ever appearing in URLs we log or put in error messages.
 */
function basicAuthHeader(trackingUri: string): Record<string, string> {
  const url = new URL(trackingUri)
  if (url.username === '' && url.password === '') return {}
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
}

/**
 * Creates the one function every endpoint goes through: URL building, timeout, retry with
 * exponential back-off, MLflow error bodies → `MlflowError`, response validation with zod.
 *
 * @example
 * const send = createTransport({ trackingUri: 'http://127.0.0.1:5000' })
 * await send({ method: 'GET', path: 'mlflow/experiments/get-by-name', query: { experiment_name: 'x' }, schema, idempotent: true })
 */
export function createTransport(options: TransportOptions): Transport {
  const base = normaliseTrackingUri(options.trackingUri)
  const headers = { ...basicAuthHeader(options.trackingUri), ...options.headers }
  const doFetch = options.fetch ?? fetch
  const log = options.log ?? noLog
  const timeoutMs = options.timeoutMs ?? 15_000
  const attempts = Math.max(1, options.retry?.attempts ?? 4)
  const baseDelayMs = options.retry?.baseDelayMs ?? 250

  return async function send<T>(request: MlflowRequest<T>): Promise<T> {
    const endpoint = `${request.method} ${request.path}`
    const query = request.query ? `?${new URLSearchParams(request.query)}` : ''
    const url = `${base}/api/2.0/${request.path}${query}`
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(url, endpoint, request)
      if (outcome.ok) return outcome.value
      const canRetry = attempt < attempts && (request.idempotent || outcome.certainlyNotApplied)
      if (!outcome.retryable || !canRetry) throw outcome.error
      const delay = Math.min(MAX_DELAY_MS, outcome.retryAfterMs ?? baseDelayMs * 2 ** (attempt - 1))
      log.warn('mlflow call failed, retrying', {
        endpoint,
        attempt,
        delayMs: delay,
        code: outcome.error.code,
      })
      await Bun.sleep(delay)
    }
  }

  async function attemptOnce<T>(
    url: string,
    endpoint: string,
    request: MlflowRequest<T>,
  ): Promise<Outcome<T>> {
    const started = performance.now()
    let response: Response
    let text: string
    try {
      response = await doFetch(url, {
        method: request.method,
        headers: {
          ...headers,
          ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(request.bytes !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
        },
        // A view over a SharedArrayBuffer is fine for Bun's fetch; the DOM typings only say ArrayBuffer.
        body:
          request.json !== undefined
            ? JSON.stringify(request.json)
            : (request.bytes as Uint8Array<ArrayBuffer>),
        signal: AbortSignal.timeout(timeoutMs),
      })
      // Inside the try: the timeout and a dropped connection can also strike while the body streams.
      text = await response.text()
    } catch (cause) {
      return networkFailure(cause, url, endpoint, timeoutMs)
    }
    log.debug('mlflow call', {
      endpoint,
      status: response.status,
      ms: Math.round(performance.now() - started),
    })
    if (!response.ok) return httpFailure(response, text, url, endpoint)
    return { ok: true, value: parseBody(text, request.schema, endpoint, response.status) }
  }
}

type Outcome<T> =
  | { ok: true; value: T }
  | {
      ok: false
      error: MlflowError
      retryable: boolean
      certainlyNotApplied: boolean
      retryAfterMs?: number
    }

function networkFailure(cause: unknown, url: string, endpoint: string, timeoutMs: number): Outcome<never> {
  const where = new URL(url).origin
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
    const error = new MlflowError(
      'MLFLOW_TIMEOUT',
      `MLflow at ${where} did not answer ${endpoint} within ${timeoutMs} ms`,
      {
        endpoint,
        cause,
      },
    )
    return { ok: false, error, retryable: true, certainlyNotApplied: false }
  }
  const refused = (cause as { code?: unknown } | null)?.code === 'ECONNREFUSED'
  const reason = cause instanceof Error ? cause.message : String(cause)
  const error = new MlflowError(
    'MLFLOW_UNREACHABLE',
    `cannot reach MLflow at ${where} (${endpoint}): ${reason}`,
    {
      endpoint,
      cause,
    },
  )
  return { ok: false, error, retryable: true, certainlyNotApplied: refused }
}

function httpFailure(response: Response, text: string, url: string, endpoint: string): Outcome<never> {
  const status = response.status
  const parsed = errorBodySchema.safeParse(safeJson(text))
  const retryAfterSeconds = Number(response.headers.get('retry-after'))
  const retryAfterMs =
    Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : undefined
  const transient = status === 429 || status >= 500
  const certainlyNotApplied = status === 429 || status === 503
  if (parsed.success) {
    const error = new MlflowError('MLFLOW_SERVER_ERROR', `${endpoint}: ${parsed.data.message}`, {
      status,
      endpoint,
      serverCode: parsed.data.error_code,
    })
    return { ok: false, error, retryable: transient, certainlyNotApplied, retryAfterMs }
  }
  if (status === 403 && text.includes('Invalid Host header')) {
    const host = new URL(url).host
    const message =
      `MLflow refused the Host header '${host}' (DNS-rebinding protection, MLflow >= 3.5): start the server ` +
      `with --allowed-hosts including '${host}' (the port is part of the match; 'name:*' allows any port)`
    return {
      ok: false,
      error: new MlflowError('MLFLOW_HOST_REJECTED', message, { status, endpoint }),
      retryable: false,
      certainlyNotApplied: true,
    }
  }
  if (status === 503 && text.includes('serve-artifacts')) {
    const message = `${endpoint}: the MLflow server does not proxy artifacts; start it with --serve-artifacts`
    return {
      ok: false,
      error: new MlflowError('MLFLOW_ARTIFACTS_DISABLED', message, { status, endpoint }),
      retryable: false,
      certainlyNotApplied: true,
    }
  }
  const snippet = text.slice(0, 200).replace(/\s+/g, ' ').trim()
  const error = new MlflowError('MLFLOW_HTTP_ERROR', `${endpoint}: HTTP ${status} ${snippet}`, {
    status,
    endpoint,
  })
  return { ok: false, error, retryable: transient, certainlyNotApplied, retryAfterMs }
}

function parseBody<T>(text: string, schema: z.ZodType<T>, endpoint: string, status: number): T {
  const json = text.trim() === '' ? {} : safeJson(text)
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
  throw new MlflowError(
    'MLFLOW_BAD_RESPONSE',
    `${endpoint}: unexpected response (${issues}): ${text.slice(0, 200)}`,
    {
      status,
      endpoint,
    },
  )
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
