import { expect } from 'bun:test'
import type { z } from '@hono/zod-openapi'
import type { Kernel } from '../../core/kernel.ts'
import { apiPlugin } from '../../plugins/api/index.ts'
import { ProblemSchema } from '../../plugins/api/schemas/problem.ts'
import { etlPlugin } from '../../plugins/etl/index.ts'
import { mlPlugin } from '../../plugins/ml/index.ts'
import { createTestKernel } from '../kernel.ts'

/** A kernel with the API over a loaded Pokédex (no model needed for read routes). */
export async function createApiTestKernel(engine: 'sqlite' | 'postgres'): Promise<Kernel> {
  const kernel = await createTestKernel({ plugins: [etlPlugin, mlPlugin, apiPlugin], engine })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  return kernel
}

/**
 * Request helpers shared by the route tests: `ok` GETs and parses with the route's schema (the
 * parse must not drop a field: nothing undocumented), `problem` checks a problem+json answer.
 */
export function apiTestClient(kernel: () => Kernel) {
  return {
    async ok<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
      const res = await kernel().app.request(path)
      const body = await res.json()
      expect({ path, status: res.status }).toEqual({ path, status: 200 })
      expect(schema.parse(body)).toEqual(body)
      return body as z.infer<S>
    },
    async problem(path: string, status: number) {
      const res = await kernel().app.request(path)
      expect({ path, status: res.status }).toEqual({ path, status })
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      return ProblemSchema.parse(await res.json())
    },
  }
}
