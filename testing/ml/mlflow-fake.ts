import { registryRoutes } from './mlflow-fake-registry.ts'
import {
  createFakeState,
  DEFAULT_ALLOWED_HOSTS,
  type FakeHandler,
  FakeMlflowError,
  type FakeMlflowState,
  hostAllowed,
} from './mlflow-fake-state.ts'
import { artifactRoutes, trackingRoutes } from './mlflow-fake-tracking.ts'

export type { FakeMlflowState } from './mlflow-fake-state.ts'

export interface FakeMlflowOptions {
  /**
   * Host header patterns accepted, like `mlflow server --allowed-hosts` (MLflow ≥ 3.5). Default:
   * MLflow's own default (loopback names with any port, private IP ranges). `['*']` allows all.
   */
  allowedHosts?: readonly string[]
  /** Artifact root of new experiments (default `mlflow-artifacts:/`, i.e. `--serve-artifacts`). */
  defaultArtifactRoot?: string
  /** Milliseconds since the epoch for server-side timestamps. */
  clock?: () => number
}

/** A scripted failure: the next `times` requests whose path ends with `path` get `status`. */
export interface FakeFault {
  path: string
  method?: string
  status: number
  times?: number
  /** Response body; default an MLflow `INTERNAL_ERROR` JSON body. */
  body?: string
}

export interface FakeMlflow {
  /** Base URL to use as tracking URI, e.g. `http://127.0.0.1:40123`. */
  uri: string
  state: FakeMlflowState
  injectFault(fault: FakeFault): void
  stop(): Promise<void>
}

const API_PREFIX = '/api/2.0/'
const HEALTH_PATHS = new Set(['/health', '/version'])
const routes: Record<string, FakeHandler> = { ...trackingRoutes, ...registryRoutes }

/**
 * Starts an in-process MLflow stand-in on 127.0.0.1 (random port) that speaks the same REST
 * payloads and error codes as the endpoints our client uses, with state in memory.
 *
 * Why a fake and not mocks: the client is tested through real HTTP (headers, status codes,
 * bodies, retries), and the fake enforces the rules that bite in production: immutable params,
 * batch limits, string versions, the Host allow-list.
 *
 * @example
 * const fake = await startFakeMlflow()
 * const client = createMlflowClient({ trackingUri: fake.uri })
 * // … then: fake.state.runs, fake.state.artifacts; finally await fake.stop()
 */
export async function startFakeMlflow(options: FakeMlflowOptions = {}): Promise<FakeMlflow> {
  const now = options.clock ?? Date.now
  const defaultArtifactRoot = options.defaultArtifactRoot ?? 'mlflow-artifacts:/'
  const allowedHosts = options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS
  const state = createFakeState(now(), defaultArtifactRoot)
  const faults: (FakeFault & { times: number })[] = []

  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (HEALTH_PATHS.has(url.pathname)) return new Response('OK')
    const host = request.headers.get('host') ?? ''
    if (!hostAllowed(allowedHosts, host)) {
      const text =
        'Invalid Host header - possible DNS rebinding attack detected ' +
        `(fake MLflow: '${host}' is not in --allowed-hosts ${allowedHosts.join(',')})`
      return new Response(text, { status: 403, headers: { 'content-type': 'text/plain' } })
    }
    const fault = faults.find(
      (f) => url.pathname.endsWith(f.path) && (!f.method || f.method === request.method),
    )
    if (fault) {
      fault.times -= 1
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1)
      const body = fault.body ?? JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'injected failure' })
      return new Response(body, { status: fault.status })
    }
    if (!url.pathname.startsWith(API_PREFIX))
      return errorResponse(new FakeMlflowError('ENDPOINT_NOT_FOUND', 'Not found'))
    const path = url.pathname.slice(API_PREFIX.length)
    const rawBody = new Uint8Array(await request.arrayBuffer())
    try {
      const { handler, subPath } = route(request.method, path)
      const body = request.method === 'GET' || request.method === 'PUT' ? {} : parseJsonBody(request, rawBody)
      const result = handler({
        state,
        body,
        query: url.searchParams,
        rawBody,
        subPath,
        defaultArtifactRoot,
        now,
      })
      return result instanceof Response ? result : Response.json(result)
    } catch (error) {
      if (error instanceof FakeMlflowError) return errorResponse(error)
      return errorResponse(
        new FakeMlflowError('INTERNAL_ERROR', error instanceof Error ? error.message : String(error)),
      )
    }
  }

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const response = await answer(request)
      state.requests.push({
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
      })
      return response
    },
  })

  return {
    uri: `http://127.0.0.1:${server.port}`,
    state,
    injectFault(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 })
    },
    async stop() {
      await server.stop(true)
    },
  }
}

function route(method: string, path: string): { handler: FakeHandler; subPath: string } {
  const exact = routes[`${method} ${path}`]
  if (exact) return { handler: exact, subPath: '' }
  for (const [key, handler] of Object.entries(artifactRoutes)) {
    const [routeMethod, prefix] = key.split(' ') as [string, string]
    if (routeMethod === method && path.startsWith(prefix))
      return { handler, subPath: path.slice(prefix.length) }
  }
  throw new FakeMlflowError('ENDPOINT_NOT_FOUND', `No API endpoint ${method} /api/2.0/${path}`)
}

/** Like MLflow: POST and PUT JSON endpoints insist on `Content-Type: application/json`. */
function parseJsonBody(request: Request, rawBody: Uint8Array): Record<string, unknown> {
  const contentType = request.headers.get('content-type')?.split(';')[0]?.trim()
  if (request.method === 'POST' && contentType !== 'application/json') {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      contentType
        ? `Bad Request. Content-Type must be one of ['application/json'].`
        : 'Bad Request. Content-Type header is missing.',
    )
  }
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(rawBody) || '{}')
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const errorResponse = (error: FakeMlflowError) =>
  Response.json({ error_code: error.code, message: error.message }, { status: error.status })
