import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Kernel } from '../../../core/kernel.ts'
import { createTestKernel, notePostgresSkipped, testEngines } from '../../../testing/kernel.ts'
import { etlPlugin } from '../../etl/index.ts'
import { mlPlugin } from '../../ml/index.ts'
import { apiPlugin } from '../index.ts'
import { PokemonPageSchema } from '../schemas/pokemon.ts'
import { ProblemSchema } from '../schemas/problem.ts'

notePostgresSkipped()

const runtime = (kernel: Kernel) => ({ log: kernel.log, tty: false, signal: new AbortController().signal })

for (const engine of testEngines()) {
  describe(`GET /types/{idOrName}/pokemon on ${engine}`, () => {
    let kernel: Kernel
    beforeAll(async () => {
      kernel = await createTestKernel({ plugins: [etlPlugin, mlPlugin, apiPlugin], engine })
      await kernel.stages.run('etl:load', {}, runtime(kernel))
    })
    afterAll(() => kernel.stop())

    async function page(path: string) {
      const res = await kernel.app.request(path)
      const body = await res.json()
      expect({ path, status: res.status }).toEqual({ path, status: 200 })
      expect(PokemonPageSchema.parse(body)).toEqual(body)
      return PokemonPageSchema.parse(body)
    }

    test('lists the Pokémon having the type in either slot, by id, slug or French name', async () => {
      const bySlug = await page('/api/v1/types/electric/pokemon?limit=200')
      expect(bySlug.total).toBe(14)
      expect(bySlug.data.every((p) => p.types.some((t) => t.slug === 'electric'))).toBe(true)
      expect(bySlug.data.map((p) => p.slug)).toEqual(
        expect.arrayContaining(['pikachu', 'raichu-alola', 'zapdos']),
      )
      const byName = await page(`/api/v1/types/${encodeURIComponent('Électrik')}/pokemon?limit=200`)
      expect(byName.data).toEqual(bySlug.data)
      expect((await page('/api/v1/types/13/pokemon?limit=200')).data).toEqual(bySlug.data)
      const list = await page('/api/v1/pokemon?type=electric&limit=200')
      expect(list.data).toEqual(bySlug.data)
    })

    test('pages, filters and sorts like /pokemon', async () => {
      const first = await page('/api/v1/types/dragon/pokemon?limit=2&lang=fr')
      expect(first).toMatchObject({ limit: 2, offset: 0, prev: null })
      expect(first.next).toBe('/api/v1/types/dragon/pokemon?limit=2&lang=fr&offset=2')
      expect(first.data.map((p) => p.name)).toEqual(['Méga-Dracaufeu X', "Noadkoko d'Alola"])
      const megas = await page('/api/v1/types/psychic/pokemon?form=mega&sort=atk&order=desc')
      expect(megas.data.map((p) => [p.slug, p.stats.atk])).toEqual([
        ['mewtwo-mega-x', 190],
        ['mewtwo-mega-y', 150],
        ['slowbro-mega', 75],
        ['alakazam-mega', 50],
      ])
    })

    test('unknown type → 404 naming the path parameter; bad query → 400', async () => {
      const res = await kernel.app.request('/api/v1/types/laser/pokemon')
      expect(res.status).toBe(404)
      expect(ProblemSchema.parse(await res.json())).toMatchObject({
        code: 'TYPE_NOT_FOUND',
        errors: [{ field: 'param.idOrName' }],
      })
      const bad = await kernel.app.request('/api/v1/types/fire/pokemon?lang=jp')
      expect(bad.status).toBe(400)
      expect(await bad.json()).toMatchObject({ errors: [{ field: 'query.lang' }] })
    })
  })
}
