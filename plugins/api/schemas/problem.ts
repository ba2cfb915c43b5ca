import { z } from '@hono/zod-openapi'

/** RFC 9457 problem details, as every error of the API is sent. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:predictiondex:problem:type-not-found' }),
    title: z.string().openapi({ example: 'Not Found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().optional().openapi({ example: 'no type named "feux"' }),
    instance: z.string().optional().openapi({ example: '/api/v1/types/effectiveness' }),
    code: z.string().optional().openapi({ example: 'TYPE_NOT_FOUND' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ example: [{ field: 'query.attacking', message: 'unknown type "feux"' }] }),
  })
  .openapi('Problem')

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameters; `errors` names each field',
  401: 'Missing API key',
  403: 'Wrong API key',
  404: 'Unknown resource',
  413: 'Body too large',
  415: 'Body not sent as application/json',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'Unexpected error (quote the request id)',
  503: 'Not available yet',
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
