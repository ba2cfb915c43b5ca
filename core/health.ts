import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { describeCode, isErrorCode } from './error-catalogue.ts'
import { hasCode } from './errors.ts'
import type { ReadinessCheck } from './plugin.ts'
import { sendProblem } from './problem.ts'
import { ProblemSchema } from './problem-schema.ts'

const CHECK_TIMEOUT_MS = 2000

async function runCheck(check: ReadinessCheck, onFailure?: (error: unknown) => void): Promise<true | string> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS)
  })
  try {
    return await Promise.race([check(), timeout])
  } catch (error) {
    // A readiness answer is public: say what failed, never the driver's message (it named the
    // database host and port: issue 13, #3). The details go to the log.
    onFailure?.(error)
    const code = hasCode(error) && isErrorCode(error.code) ? error.code : undefined
    return code ? describeCode(code).title.toLowerCase() : 'check failed (see the server log)'
  } finally {
    clearTimeout(timer)
  }
}

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Liveness: the process answers',
  responses: {
    200: {
      description: 'Alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
})

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'Readiness: the database and every plugin check pass',
  responses: {
    200: {
      description: 'Ready',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('ok')) }),
        },
      },
    },
    503: {
      description: 'Not ready; `errors` names each failing check',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
})

/**
 * `/healthz` answers while the process lives; `/readyz` runs every named check (each bounded by
 * a timeout) and answers 503 with the failing checks named, so an orchestrator routes traffic
 * only to containers that can serve it.
 *
 * @example
 * mountHealth(app, () => checks)
 */
export function mountHealth(
  app: OpenAPIHono,
  checks: () => ReadonlyMap<string, ReadinessCheck>,
  onFailure: (check: string, error: unknown) => void = () => {},
): void {
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  app.openapi(readyz, async (c) => {
    const entries = [...checks().entries()]
    const results = await Promise.all(
      entries.map(
        async ([name, check]) => [name, await runCheck(check, (error) => onFailure(name, error))] as const,
      ),
    )
    const failing = results.filter(([, r]) => r !== true)
    if (failing.length > 0) {
      return sendProblem(c, 503, {
        code: 'NOT_READY',
        detail: `not ready: ${failing.map(([n]) => n).join(', ')}`,
        errors: failing.map(([name, reason]) => ({ field: name, message: String(reason) })),
      }) as never
    }
    return c.json(
      { status: 'ready' as const, checks: Object.fromEntries(results.map(([n]) => [n, 'ok' as const])) },
      200,
    )
  })
}
