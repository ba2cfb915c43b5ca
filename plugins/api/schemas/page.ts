import { z } from '@hono/zod-openapi'

/** `limit` and `offset`, shared by every list endpoint (the predecessor had no pagination). */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({
    description: 'Items per page, 1–200',
    example: 20,
  }),
  // The explicit schema: zod-to-openapi marks a coerced number with min(0) as nullable.
  offset: z.coerce.number().int().min(0).max(100_000).default(0).openapi({
    type: 'integer',
    minimum: 0,
    maximum: 100_000,
    default: 0,
    description: 'Items to skip',
    example: 0,
  }),
}

/** `order=asc|desc`, applied to the `sort` key (ties keep the natural order). */
export const orderQuery = z.enum(['asc', 'desc']).default('asc').openapi({
  description: 'Sort direction; items without a value for the sort key (null) always come last',
  example: 'desc',
})

/**
 * A page envelope around `item`.
 *
 * @example
 * const PokemonPage = pageSchema(PokemonSummarySchema, 'PokemonPage')
 */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      total: z.number().int().openapi({ description: 'Items matching the filters', example: 188 }),
      limit: z.number().int().openapi({ example: 20 }),
      offset: z.number().int().openapi({ example: 20 }),
      next: z.string().nullable().openapi({
        description: 'Next page (same filters), or null',
        example: '/api/v1/pokemon?limit=20&offset=40',
      }),
      prev: z
        .string()
        .nullable()
        .openapi({ description: 'Previous page, or null', example: '/api/v1/pokemon?limit=20&offset=0' }),
    })
    .openapi(name)
}

/** The same URL (path and query, no host: proxies rewrite hosts) with another offset. */
function withOffset(url: string, limit: number, offset: number): string {
  const target = new URL(url)
  target.searchParams.set('limit', String(limit))
  target.searchParams.set('offset', String(offset))
  return `${target.pathname}${target.search}`
}

/**
 * Cuts one page out of the filtered, sorted items and maps only that page to its JSON shape.
 *
 * @example
 * toPage(rows, { limit: 20, offset: 0 }, c.req.url, (row) => summary(row))
 */
export function toPage<T, R>(
  items: readonly T[],
  page: { limit: number; offset: number },
  url: string,
  map: (item: T) => R,
) {
  const { limit, offset } = page
  return {
    data: items.slice(offset, offset + limit).map(map),
    total: items.length,
    limit,
    offset,
    next: offset + limit < items.length ? withOffset(url, limit, offset + limit) : null,
    prev: offset > 0 ? withOffset(url, limit, Math.max(0, Math.min(offset, items.length) - limit)) : null,
  }
}

/**
 * Sorts by a nullable key with nulls last in both directions, then by the natural order.
 *
 * @example
 * sortBy(moves, (m) => m.power, 'desc', (a, b) => a.id - b.id, new Intl.Collator('en'))
 */
export function sortBy<T>(
  items: readonly T[],
  key: (item: T) => number | string | null,
  order: 'asc' | 'desc',
  natural: (a: T, b: T) => number,
  collator: Intl.Collator,
): T[] {
  const sign = order === 'asc' ? 1 : -1
  return [...items].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka === null || kb === null) return ka === kb ? natural(a, b) : ka === null ? 1 : -1
    const diff = typeof ka === 'string' ? collator.compare(ka, kb as string) : ka - (kb as number)
    return sign * diff || natural(a, b)
  })
}
