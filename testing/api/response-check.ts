import type { OperationEntry } from './openapi-doc.ts'

/** What the checks need from an answer: status, headers and the body text (read once). */
export interface SeenResponse {
  status: number
  headers: Headers
  text: string
}

type ProblemBody = {
  type?: unknown
  title?: unknown
  status?: unknown
  code?: unknown
  errors?: unknown
}

/**
 * Problems that concern the client's credentials or volume, not one input: they name no field,
 * and each has its code and, where the client must act on it, a header.
 */
const NO_FIELD_PROBLEMS: Record<number, { code: string; header?: string }> = {
  401: { code: 'API_KEY_MISSING', header: 'www-authenticate' },
  403: { code: 'API_KEY_INVALID' },
  413: { code: 'BODY_TOO_LARGE' },
  429: { code: 'RATE_LIMITED', header: 'retry-after' },
}

/** Where a field of a problem may point: a documented parameter, the JSON body, or a header. */
function fieldIsNamed(entry: OperationEntry, field: string): boolean {
  const [root, name] = field.split('.')
  if (root === 'json' || root === 'body') return entry.operation.requestBody !== undefined
  if (root === 'header') return name !== undefined && name !== ''
  const where = root === 'param' ? 'path' : root
  return (entry.operation.parameters ?? []).some((p) => p.in === where && p.name === name)
}

/**
 * Checks one answer of the JSON API against its contract, and returns what is wrong (empty: all
 * good): never a 5xx other than those allowed; only documented statuses; every 4xx a problem+json
 * whose `status`, `title` and `type` are set; a 400, 404 or 415 names each offending field (a
 * documented parameter, the body, or a header); 401/403/413/429 name none and carry their code.
 *
 * @example
 * const wrong = checkResponse(entry, { status, headers, text }, { allowed5xx: [] })
 * if (wrong.length > 0) throw new Error(wrong.join('\n'))
 */
export function checkResponse(
  entry: OperationEntry,
  res: SeenResponse,
  options: { allowed5xx: readonly number[]; validateProblem?: (body: unknown) => string[] },
): string[] {
  const wrong: string[] = []
  const { status } = res
  if (status >= 500 && !options.allowed5xx.includes(status))
    wrong.push(`status ${status}: ${res.text.slice(0, 300)}`)
  if (!(String(status) in entry.operation.responses))
    wrong.push(`status ${status} is not documented for ${entry.key}`)
  const type = res.headers.get('content-type') ?? ''
  if (status < 400) {
    if (!type.startsWith('application/json')) wrong.push(`a ${status} with content-type "${type}"`)
    return wrong
  }
  if (!type.startsWith('application/problem+json'))
    return [...wrong, `a ${status} with content-type "${type}"`]
  let body: ProblemBody
  try {
    body = JSON.parse(res.text) as ProblemBody
  } catch {
    return [...wrong, `a ${status} whose body is not JSON: ${res.text.slice(0, 200)}`]
  }
  if (body.status !== status) wrong.push(`problem.status ${String(body.status)} ≠ ${status}`)
  if (typeof body.title !== 'string' || body.title === '' || body.title === 'Error') {
    wrong.push(`a ${status} problem without a proper title: ${String(body.title)}`)
  }
  if (typeof body.type !== 'string' || body.type === '') wrong.push(`a ${status} problem without a type`)
  wrong.push(...(options.validateProblem?.(body) ?? []))
  if (status >= 500) {
    if (typeof body.code !== 'string') wrong.push(`a ${status} problem without a code`)
    return wrong
  }
  const special = NO_FIELD_PROBLEMS[status]
  if (special) {
    if (body.code !== special.code)
      wrong.push(`a ${status} with code ${String(body.code)}, not ${special.code}`)
    if (body.errors !== undefined) wrong.push(`a ${status} names fields: ${JSON.stringify(body.errors)}`)
    if (special.header && !res.headers.get(special.header))
      wrong.push(`a ${status} without ${special.header}`)
    return wrong
  }
  const errors = Array.isArray(body.errors) ? (body.errors as { field?: unknown; message?: unknown }[]) : []
  if (errors.length === 0) wrong.push(`a ${status} naming no field: ${res.text.slice(0, 300)}`)
  for (const e of errors) {
    if (typeof e.message !== 'string' || e.message === '')
      wrong.push(`an error without message: ${JSON.stringify(e)}`)
    if (typeof e.field !== 'string' || !fieldIsNamed(entry, e.field)) {
      wrong.push(`a ${status} error naming no documented field: ${JSON.stringify(e.field)}`)
    }
  }
  return wrong
}
