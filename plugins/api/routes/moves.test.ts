import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { z } from '@hono/zod-openapi'
import type { Kernel } from '../../../core/kernel.ts'
import { apiTestClient, createApiTestKernel } from '../../../testing/api/test-client.ts'
import { notePostgresSkipped, testEngines } from '../../../testing/kernel.ts'
import { MoveDetailSchema, MovePageSchema } from '../schemas/moves.ts'
import { PokemonDetailSchema, PokemonPageSchema } from '../schemas/pokemon.ts'

notePostgresSkipped()

type Page = z.infer<typeof MovePageSchema>

for (const engine of testEngines()) {
  describe(`moves API on ${engine}`, () => {
    let kernel: Kernel
    beforeAll(async () => {
      kernel = await createApiTestKernel(engine)
    })
    afterAll(() => kernel.stop())
    const { ok, problem } = apiTestClient(() => kernel)
    const page = (query: string) => ok(`/api/v1/moves${query}`, MovePageSchema)
    const slugs = (p: Page) => p.data.map((d) => d.slug)
    const all = () =>
      page('?limit=200').then(async (a) => [...a.data, ...(await page('?limit=200&offset=200')).data])

    test('the list pages through the 226 moves by English name with links', async () => {
      const first = await page('?limit=100')
      expect(first).toMatchObject({ total: 226, limit: 100, offset: 0, prev: null })
      expect(first.next).toBe('/api/v1/moves?limit=100&offset=100')
      const moves = await all()
      expect(new Set(moves.map((m) => m.slug)).size).toBe(226)
      const names = moves.map((m) => m.name_en)
      expect(names).toEqual([...names].sort(new Intl.Collator('en').compare))
      const third = await page('?limit=100&offset=200')
      expect(third).toMatchObject({ next: null, prev: '/api/v1/moves?limit=100&offset=100' })
      expect(third.data).toHaveLength(26)
    })

    test('category filter splits the 226 moves; status moves have no power', async () => {
      const pages = await Promise.all(
        ['physical', 'special', 'status'].map((c) => page(`?category=${c}&limit=200`)),
      )
      expect(pages.reduce((n, p) => n + p.total, 0)).toBe(226)
      expect(pages.map((p) => p.total)).toEqual([101, 56, 69])
      pages.forEach((p, i) => {
        expect(p.data.every((m) => m.category === ['physical', 'special', 'status'][i])).toBe(true)
      })
      expect(pages[2]!.data.every((m) => m.power === null)).toBe(true)
      expect((await problem('/api/v1/moves?category=other', 400)).errors?.[0]?.field).toBe('query.category')
    })

    test('type filter takes any of the listed types, by slug or French name', async () => {
      const fire = await page('?type=feu&limit=200')
      const water = await page('?type=water&limit=200')
      expect(fire.data.every((m) => m.type.slug === 'fire')).toBe(true)
      expect(fire.total).toBeGreaterThan(0)
      expect((await page('?type=fire,eau')).total).toBe(fire.total + water.total)
      expect((await page('?type=fire&type=water')).total).toBe(fire.total + water.total)
      const unknown = await problem('/api/v1/moves?type=laser', 404)
      expect(unknown).toMatchObject({ code: 'TYPE_NOT_FOUND', errors: [{ field: 'query.type' }] })
    })

    test('power range keeps moves with a power inside it; min > max is a 400 naming both', async () => {
      const strong = await page('?power_min=100&limit=200')
      expect(strong.data.every((m) => m.power !== null && m.power >= 100)).toBe(true)
      expect(slugs(strong)).toContain('explosion')
      const band = await page('?power_min=40&power_max=40&limit=200')
      expect(band.data.every((m) => m.power === 40)).toBe(true)
      expect(slugs(band)).toContain('absorb')
      const body = await problem('/api/v1/moves?power_min=100&power_max=50', 400)
      expect(body.errors?.map((e) => e.field)).toEqual(['query.power_min', 'query.power_max'])
      for (const [query, field] of [
        ['power_min=-1', 'query.power_min'],
        ['power_max=abc', 'query.power_max'],
        ['sort=type', 'query.sort'],
        ['lang=jp', 'query.lang'],
        ['limit=500', 'query.limit'],
      ] as const) {
        expect((await problem(`/api/v1/moves?${query}`, 400)).errors?.map((e) => e.field)).toEqual([field])
      }
    })

    test('q searches names ignoring case and accents; effect_class filters by class', async () => {
      const thunder = slugs(await page(`?q=${encodeURIComponent('THÛNDER')}&limit=200`))
      expect(thunder).toEqual(
        expect.arrayContaining(['thunder', 'thunderbolt', 'thunder-punch', 'thunder-wave']),
      )
      expect(thunder.every((s) => s.includes('thunder'))).toBe(true)
      const multi = await page('?effect_class=multi-hit&limit=200')
      expect(slugs(multi)).toEqual(expect.arrayContaining(['double-kick', 'pin-missile']))
      expect(multi.data.every((m) => m.effect_class === 'multi-hit')).toBe(true)
      const body = await problem('/api/v1/moves?effect_class=laser-beam', 400)
      expect(body.errors?.[0]?.field).toBe('query.effect_class')
      expect(body.errors?.[0]?.message).toContain('multi-hit')
    })

    test('pokemon= keeps the moves that Pokémon can use by any method', async () => {
      const partner = await page('?pokemon=pikachu-starter&limit=200')
      const detail = await ok('/api/v1/pokemon/pikachu-starter', PokemonDetailSchema)
      expect(slugs(partner).sort()).toEqual([...new Set(detail.learnset.map((l) => l.slug))].sort())
      expect(slugs(partner)).toContain('zippy-zap')
      expect(slugs(await page('?pokemon=25&limit=200'))).not.toContain('zippy-zap')
      const electric = await page('?pokemon=pikachu-starter&type=electric&category=physical')
      expect(slugs(electric)).toEqual(['thunder-punch', 'zippy-zap'])
      // How: every method and level, as the original API gave them (issue 13, #12).
      const learn = (slug: string) =>
        (partner.data.find((m) => m.slug === slug) as { learn?: unknown[] })?.learn
      expect(learn('zippy-zap')).toEqual(
        detail.learnset
          .filter((l) => l.slug === 'zippy-zap')
          .map((l) => ({ method: l.method, level: l.level, tm: l.tm })),
      )
      const thunderbolt = learn('thunderbolt') as {
        method: string
        level: number | null
        tm: number | null
      }[]
      expect(thunderbolt.length).toBeGreaterThan(0)
      expect((await page('?limit=5')).data.every((m) => !('learn' in m))).toBe(true)
      const unknown = await problem('/api/v1/moves?pokemon=missingno', 404)
      expect(unknown).toMatchObject({ code: 'POKEMON_NOT_FOUND', errors: [{ field: 'query.pokemon' }] })
    })

    test('sorting by power, priority or accuracy; moves without a value come last both ways', async () => {
      const desc = await page('?sort=power&order=desc&limit=200&offset=0')
      expect(desc.data[0]).toMatchObject({ slug: 'explosion', power: 250 })
      const rest = await page('?sort=power&order=desc&limit=200&offset=200')
      expect(rest.data.at(-1)?.power).toBeNull()
      const asc = await page('?sort=power&limit=200')
      expect(asc.data[0]?.power).toBe(10)
      const powers = asc.data.map((m) => m.power).filter((p) => p !== null)
      expect(powers).toEqual([...powers].sort((a, b) => a - b))
      expect(slugs(await page('?sort=priority&order=desc&limit=3'))).toEqual([
        'helping-hand',
        'protect',
        'fake-out',
      ])
      const accuracy = (await page('?sort=accuracy&limit=200&offset=200')).data.map((m) => m.accuracy)
      expect(accuracy.at(-1)).toBeNull()
    })

    test('GET /moves/{idOrSlug}: every battle field, and who learns it', async () => {
      const zap = await ok('/api/v1/moves/zippy-zap', MoveDetailSchema)
      expect(zap).toMatchObject({
        id: 729,
        type: { slug: 'electric' },
        category: 'physical',
        power: 50,
        priority: 2,
        always_crit: true,
        multi_hit: null,
        effect_class: 'priority',
      })
      expect(zap.learned_by).toEqual([
        {
          id: 10009,
          slug: 'pikachu-starter',
          name: 'Partner Pikachu',
          name_en: 'Partner Pikachu',
          name_fr: 'Pikachu Partenaire',
          method: 'tutor',
          level: null,
          tm: null,
        },
      ])
      expect(await ok('/api/v1/moves/729', MoveDetailSchema)).toEqual(zap)
      expect((await ok('/api/v1/moves/double-kick', MoveDetailSchema)).multi_hit).toEqual({ min: 2, max: 2 })
      expect((await ok('/api/v1/moves/absorb', MoveDetailSchema)).drain).toBe(0.5)
      expect((await ok('/api/v1/moves/take-down', MoveDetailSchema)).recoil).toBe(0.25)
      const fire = await ok('/api/v1/moves/fire-punch', MoveDetailSchema)
      expect(fire.secondary).toBe('10% chance to burn the target')
    })

    test('a move learned at two levels appears twice for that Pokémon; learners in dex order', async () => {
      const vineWhip = await ok('/api/v1/moves/vine-whip', MoveDetailSchema)
      const ivysaur = vineWhip.learned_by.filter((l) => l.slug === 'ivysaur')
      expect(ivysaur.map((l) => [l.method, l.level])).toEqual([
        ['start', 0],
        ['level-up', 5],
      ])
      const dex = (await ok('/api/v1/pokemon?limit=200', PokemonPageSchema)).data.map((p) => p.slug)
      const positions = vineWhip.learned_by.map((l) => dex.indexOf(l.slug))
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
      expect(vineWhip.learned_by.map((l) => l.slug)).toContain('venusaur-mega')
    })

    test('lang=fr never falls back: a move without a loaded French name has name null', async () => {
      const zap = await ok('/api/v1/moves/zippy-zap?lang=fr', MoveDetailSchema)
      expect(zap.name).toBe(zap.name_fr)
      expect(zap.type.name).toBe('Électrik')
      expect(zap.description).toBe(zap.description_fr)
    })

    test('unknown moves are 404s and malformed ids 400s, naming the path parameter', async () => {
      for (const path of ['/api/v1/moves/laser-beam', '/api/v1/moves/9999']) {
        const body = await problem(path, 404)
        expect(body).toMatchObject({ code: 'MOVE_NOT_FOUND', errors: [{ field: 'param.idOrSlug' }] })
      }
      const bad = await problem(`/api/v1/moves/${encodeURIComponent('zippy_zap')}`, 400)
      expect(bad.errors?.[0]?.field).toBe('param.idOrSlug')
    })
  })
}
