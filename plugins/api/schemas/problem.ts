import { ProblemSchema } from '../../../core/problem-schema.ts'

export { ProblemSchema }

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameters; `errors` names each field',
  401: 'Missing API key',
  403: 'Wrong API key',
  404: 'Unknown resource',
  413: 'Body too large',
  415: 'Body not sent as application/json',
  422: 'Understood but refused: over a budget (the code names the limit) or not modelled',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'Unexpected error (quote the request id)',
  503: 'Not available right now (no model yet, the database unreachable, a full queue); see Retry-After',
}

/**
 * OpenAPI response entries for the given error statuses, all with the Problem schema.
 *
 * @example
 * responses: { 200: {...}, ...problemResponses(400, 404) }
 */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: DESCRIPTIONS[s] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<
    S,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >
}

/**
 * The errors every Pokédex read may answer: 429 when rate limited, 503 while the database is
 * unreachable (cached reads keep answering), and 401/403 only when the
 * deployment sets `API_PUBLIC_READS=false` (reads are public by default).
 */
export const READ_ERRORS = [401, 403, 429, 503] as const
