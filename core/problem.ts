import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * RFC 9457 problem details: the one error shape of the JSON API.
 *
 * `errors` names each offending field (`query.attacking`, `body.moves_a[2]`) so a client can show
 * the message next to the right input.
 */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  code?: string
  errors?: { field: string; message: string }[]
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** The `type` URI of a problem: a stable, documented identifier per status or code. */
function problemType(code?: string): string {
  return code ? `urn:predictiondex:problem:${code.toLowerCase().replaceAll('_', '-')}` : 'about:blank'
}

/**
 * Builds a problem body.
 *
 * @example
 * problemBody(404, { detail: 'no type "feu"', code: 'TYPE_NOT_FOUND' })
 */
export function problemBody(status: number, fields: Partial<Omit<Problem, 'status'>> = {}): Problem {
  const body: Problem = {
    type: fields.type ?? problemType(fields.code),
    title: fields.title ?? TITLES[status] ?? 'Error',
    status,
  }
  if (fields.detail !== undefined) body.detail = fields.detail
  if (fields.instance !== undefined) body.instance = fields.instance
  if (fields.code !== undefined) body.code = fields.code
  if (fields.errors !== undefined) body.errors = fields.errors
  return body
}

/** Sends a problem with the right content type. */
export function sendProblem(
  c: Context,
  status: number,
  fields: Partial<Omit<Problem, 'status'>> = {},
): Response {
  return c.body(
    JSON.stringify(problemBody(status, { instance: c.req.path, ...fields })),
    status as ContentfulStatusCode,
    {
      'content-type': 'application/problem+json',
    },
  )
}

/**
 * An HTTP error a handler throws; the kernel's error handler renders it as a problem.
 *
 * @example
 * throw new HttpProblem(404, 'TYPE_NOT_FOUND', 'no type named "feu"', [{ field: 'query.attacking', message: 'unknown type' }])
 */
export class HttpProblem extends HTTPException {
  readonly code: string
  readonly errors: Problem['errors']

  constructor(status: ContentfulStatusCode, code: string, detail: string, errors?: Problem['errors']) {
    super(status, { message: detail })
    this.code = code
    this.errors = errors
  }
}
