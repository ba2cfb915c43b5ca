import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Kernel } from '../../../core/kernel.ts'
import { createTestKernel, notePostgresSkipped, testEngines } from '../../../testing/kernel.ts'
import { etlPlugin } from '../../etl/index.ts'
import { mlPlugin } from '../../ml/index.ts'
import { apiPlugin } from '../index.ts'

notePostgresSkipped()

const runtime = (kernel: Kernel) => ({ log: kernel.log, tty: false, signal: new AbortController().signal })

for (const engine of testEngines()) {
  describe(`types API on ${engine}`, () => {
    let kernel: Kernel
    beforeAll(async () => {
      kernel = await createTestKernel({ plugins: [etlPlugin, mlPlugin, apiPlugin], engine })
      await kernel.stages.run('etl:load', {}, runtime(kernel))
    })
    afterAll(() => kernel.stop())
    const get = (path: string) => kernel.app.request(path)

    test('GET /api/v1/types lists the 18 types with PokéAPI ids and French names', async () => {
      const res = await get('/api/v1/types')
      expect(res.status).toBe(200)
      const { data } = (await res.json()) as { data: { id: number; slug: string; name_fr: string }[] }
      expect(data).toHaveLength(18)
      expect(data[0]).toEqual({ id: 1, slug: 'normal', name_en: 'Normal', name_fr: 'Normal' } as never)
      expect(data.find((t) => t.slug === 'electric')).toMatchObject({ id: 13, name_fr: 'Électrik' })
    })

    test('the full matrix has 18×18 cells with the known immunities and weaknesses', async () => {
      const res = await get('/api/v1/types/effectiveness')
      const { types, matrix } = (await res.json()) as { types: { slug: string }[]; matrix: number[][] }
      const at = (a: string, d: string) =>
        matrix[types.findIndex((t) => t.slug === a)]![types.findIndex((t) => t.slug === d)]
      expect(matrix).toHaveLength(18)
      expect(matrix.every((row) => row.length === 18)).toBe(true)
      expect(at('normal', 'ghost')).toBe(0)
      expect(at('electric', 'ground')).toBe(0)
      expect(at('dragon', 'fairy')).toBe(0)
      expect(at('fire', 'grass')).toBe(2)
      expect(at('water', 'water')).toBe(0.5)
      expect(matrix.flat().filter((m) => m === 0)).toHaveLength(8)
    })

    test('one cell by name in either language, accents and case ignored; dual types multiply', async () => {
      const cell = await (await get('/api/v1/types/effectiveness?attacking=feu&defending=plante')).json()
      expect(cell).toMatchObject({
        attacking: { slug: 'fire' },
        defending: [{ slug: 'grass' }],
        multiplier: 2,
      })
      const dual = await (
        await get('/api/v1/types/effectiveness?attacking=ELECTRIK&defending=water,flying')
      ).json()
      expect(dual).toMatchObject({ multiplier: 4 })
      const byId = await (await get('/api/v1/types/effectiveness?attacking=10&defending=12,4')).json()
      expect(byId).toMatchObject({ multiplier: 2 })
    })

    test('an unknown type is a 404 problem naming the parameter', async () => {
      const res = await get('/api/v1/types/effectiveness?attacking=feux&defending=grass')
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      const body = await res.json()
      expect(body).toMatchObject({
        status: 404,
        code: 'TYPE_NOT_FOUND',
        errors: [{ field: 'query.attacking' }],
      })
    })

    test('one side only: an attacking type against every type, or every type against a defender (issue 13, #12)', async () => {
      const fire = (await (await get('/api/v1/types/effectiveness?attacking=fire')).json()) as {
        attacking: { slug: string }
        against: { type: { slug: string }; multiplier: number }[]
      }
      expect(fire.attacking.slug).toBe('fire')
      expect(fire.against).toHaveLength(18)
      const on = (slug: string) => fire.against.find((a) => a.type.slug === slug)?.multiplier
      expect([on('grass'), on('water'), on('normal')]).toEqual([2, 0.5, 1])
      const venusaur = (await (await get('/api/v1/types/effectiveness?defending=grass,poison')).json()) as {
        defending: { slug: string }[]
        from: { type: { slug: string }; multiplier: number }[]
      }
      expect(venusaur.defending.map((t) => t.slug)).toEqual(['grass', 'poison'])
      const from = (slug: string) => venusaur.from.find((a) => a.type.slug === slug)?.multiplier
      expect([from('psychic'), from('fire'), from('grass'), from('water')]).toEqual([2, 2, 0.25, 0.5])
    })

    test('bad queries are 400 problems naming the parameter', async () => {
      const three = await get('/api/v1/types/effectiveness?attacking=fire&defending=grass,water,ice')
      expect(three.status).toBe(400)
      const long = await get(`/api/v1/types/effectiveness?attacking=${'x'.repeat(41)}&defending=grass`)
      expect(long.status).toBe(400)
      expect(await long.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'query.attacking' }],
      })
    })
  })
}
