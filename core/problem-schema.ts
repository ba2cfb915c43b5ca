import { z } from '@hono/zod-openapi'

/**
 * RFC 9457 problem details, as every error of the API and of the kernel's own endpoints is sent
 * (see `problem.ts`). Shared so `/readyz` and every plugin document one Problem component.
 */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/docs/errors#type-not-found' }),
    title: z.string().openapi({ example: 'Unknown type' }),
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
