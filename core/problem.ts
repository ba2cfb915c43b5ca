import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { describeCode, type ErrorCode } from './error-catalogue.ts'

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
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/**
 * Builds a problem body. With a catalogued `code`, `type` is the code's documentation link and
 * `title` its catalogue title.
 *
 * @example
 * problemBody(404, { detail: 'no type "feu"', code: 'TYPE_NOT_FOUND' })
 */
export function problemBody(
  status: number,
  fields: Partial<Omit<Problem, 'status' | 'code'>> & { code?: ErrorCode } = {},
): Problem {
  const known = fields.code === undefined ? undefined : describeCode(fields.code)
  const body: Problem = {
    type: fields.type ?? known?.docs ?? 'about:blank',
    title: fields.title ?? known?.title ?? TITLES[status] ?? 'Error',
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
  fields: Partial<Omit<Problem, 'status' | 'code'>> & { code?: ErrorCode } = {},
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
 * Sends the problem of a catalogued code: its status, title and docs link come from the catalogue.
 *
 * @example
 * return sendCodedProblem(c, 'BODY_TOO_LARGE', 'the request body exceeds 65536 bytes')
 */
export function sendCodedProblem(
  c: Context,
  code: ErrorCode,
  detail?: string,
  errors?: Problem['errors'],
): Response {
  return sendProblem(c, describeCode(code).status, {
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined ? {} : { errors }),
  })
}

/**
 * An HTTP error a handler throws; the kernel's error handler renders it as a problem. The status
 * is the code's, from the catalogue.
 *
 * @example
 * throw new HttpProblem('TYPE_NOT_FOUND', 'no type named "feu"', [{ field: 'query.attacking', message: 'unknown type' }])
 */
export class HttpProblem extends HTTPException {
  readonly code: ErrorCode
  readonly errors: Problem['errors']

  constructor(code: ErrorCode, detail: string, errors?: Problem['errors']) {
    super(describeCode(code).status as ContentfulStatusCode, { message: detail })
    this.code = code
    this.errors = errors
  }
}
