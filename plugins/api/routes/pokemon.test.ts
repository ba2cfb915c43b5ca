import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { z } from '@hono/zod-openapi'
import type { Kernel } from '../../../core/kernel.ts'
import { apiTestClient, createApiTestKernel } from '../../../testing/api/test-client.ts'
import { notePostgresSkipped, testEngines } from '../../../testing/kernel.ts'
import { PokemonDetailSchema, PokemonPageSchema, PokemonWeaknessesSchema } from '../schemas/pokemon.ts'

notePostgresSkipped()

type Page = z.infer<typeof PokemonPageSchema>
type Detail = z.infer<typeof PokemonDetailSchema>
type OpenApiOperation = {
  summary?: string
  description?: string
  parameters: { name: string; schema: { example?: unknown; type?: unknown } }[]
  responses: Record<string, unknown>
}

for (const engine of testEngines()) {
  describe(`pokemon API on ${engine}`, () => {
    let kernel: Kernel
    beforeAll(async () => {
      kernel = await createApiTestKernel(engine)
    })
    afterAll(() => kernel.stop())
    const { ok, problem } = apiTestClient(() => kernel)
    const page = (query: string) => ok(`/api/v1/pokemon${query}`, PokemonPageSchema)
    const slugs = (p: Page) => p.data.map((d) => d.slug)

    test('the list pages through all 188 forms in dex order with next/prev links', async () => {
      const first = await page('')
      expect(first).toMatchObject({ total: 188, limit: 50, offset: 0, prev: null })
      expect(first.next).toBe('/api/v1/pokemon?limit=50&offset=50')
      expect(first.data).toHaveLength(50)
      expect(first.data[0]).toMatchObject({ id: 1, slug: 'bulbasaur', national_dex: 1, sprite: null })
      const last = await page('?limit=50&offset=150')
      expect(last.data).toHaveLength(38)
      expect(last).toMatchObject({ next: null, prev: '/api/v1/pokemon?limit=50&offset=100' })
      const all = await page('?limit=200')
      expect(new Set(slugs(all)).size).toBe(188)
      const around = slugs(all).slice(slugs(all).indexOf('pikachu'), slugs(all).indexOf('pikachu') + 4)
      expect(around).toEqual(['pikachu', 'pikachu-starter', 'raichu', 'raichu-alola'])
      expect(slugs(all).slice(-2)).toEqual(['meltan', 'melmetal'])
    })

    test('pagination parameters out of range are 400 problems naming them', async () => {
      for (const [query, field] of [
        ['limit=0', 'query.limit'],
        ['limit=201', 'query.limit'],
        ['limit=abc', 'query.limit'],
        ['offset=-1', 'query.offset'],
        ['sort=weight', 'query.sort'],
        ['order=up', 'query.order'],
        ['form=galar', 'query.form'],
        ['lang=jp', 'query.lang'],
        ['lang=fr&lang=en', 'query.lang'],
        ['q=--', 'query.q'],
      ] as const) {
        const body = await problem(`/api/v1/pokemon?${query}`, 400)
        expect(body.errors?.map((e) => e.field)).toEqual([field])
      }
      expect((await page('?offset=500')).data).toEqual([])
    })

    test('type filters need every listed type, by slug or French name, repeated or comma-separated', async () => {
      const both = await page('?type=fire&type=flying&limit=200')
      expect(slugs(both)).toEqual(['charizard', 'charizard-mega-y', 'moltres'])
      expect(slugs(await page('?type=feu,VOL&limit=200'))).toEqual(slugs(both))
      const electric = await page('?type=électrik&limit=200')
      expect(electric.total).toBe(14)
      expect(electric.data.every((p) => p.types.some((t) => t.slug === 'electric'))).toBe(true)
      expect(slugs(electric)).toContain('pikachu')
      const unknown = await problem('/api/v1/pokemon?type=fire,feux', 404)
      expect(unknown).toMatchObject({ code: 'TYPE_NOT_FOUND', errors: [{ field: 'query.type' }] })
      expect((await problem('/api/v1/pokemon?type=fire,', 400)).errors?.[0]?.field).toBe('query.type')
    })

    test('form filter counts: 153 base, 18 Alolan, 15 Mega, 2 partner', async () => {
      const totals = await Promise.all(['base', 'alola', 'mega', 'partner'].map((f) => page(`?form=${f}`)))
      expect(totals.map((p) => p.total)).toEqual([153, 18, 15, 2])
      expect(slugs(await page('?form=partner'))).toEqual(['pikachu-starter', 'eevee-starter'])
    })

    test('q searches French and English names, ignoring case, accents and punctuation', async () => {
      const charizards = ['charizard', 'charizard-mega-x', 'charizard-mega-y']
      expect(slugs(await page('?q=dracaufeu'))).toEqual(charizards)
      expect(slugs(await page('?q=CHARIZARD'))).toEqual(charizards)
      expect(slugs(await page('?q=mega%20dracaufeu'))).toEqual(charizards.slice(1))
      expect(slugs(await page('?q=EVOLI'))).toEqual(['eevee', 'eevee-starter'])
      expect(slugs(await page(`?q=${encodeURIComponent('électrode')}`))).toEqual(['electrode'])
      expect(slugs(await page('?q=m%20mime'))).toEqual(['mr-mime'])
      expect(await page('?q=zzzz')).toMatchObject({ total: 0, data: [], next: null, prev: null })
      expect(slugs(await page('?q=dracaufeu&form=mega&type=dragon'))).toEqual(['charizard-mega-x'])
    })

    test('sorting by a stat or name, both directions; ties keep dex order', async () => {
      const strongest = await page('?sort=total&order=desc&limit=3')
      expect(slugs(strongest)).toEqual(['mewtwo-mega-x', 'mewtwo-mega-y', 'mewtwo'])
      const slow = await page('?sort=spe&limit=200')
      const speeds = slow.data.map((p) => p.stats.spe)
      expect(speeds).toEqual([...speeds].sort((a, b) => a - b))
      const byName = await page('?sort=name&lang=fr&limit=200&order=desc')
      const frNames = byName.data.map((p) => p.name_fr ?? '')
      expect(frNames).toEqual([...frNames].sort(new Intl.Collator('fr').compare).reverse())
      expect(byName.data.every((p) => p.name === p.name_fr)).toBe(true)
    })

    test('GET /pokemon/25 is Pikachu, Electric; by slug the same; lang picks the name', async () => {
      const byId = await ok('/api/v1/pokemon/25', PokemonDetailSchema)
      expect(byId).toMatchObject({ id: 25, slug: 'pikachu', national_dex: 25, form: 'base', name: 'Pikachu' })
      expect(byId.types.map((t) => t.slug)).toEqual(['electric'])
      expect(byId.stats).toEqual({ hp: 35, atk: 55, def: 40, spa: 50, spd: 50, spe: 90, total: 320 })
      expect(await ok('/api/v1/pokemon/PIKACHU', PokemonDetailSchema)).toEqual(byId)
      const fr = await ok('/api/v1/pokemon/133?lang=fr', PokemonDetailSchema)
      expect(fr).toMatchObject({ name: 'Évoli', name_en: 'Eevee', types: [{ name: 'Normal' }] })
      expect(fr.species).toMatchObject({ slug: 'eevee', name: 'Évoli' })
    })

    test('stat ranks are among all 188 forms, 1 = highest, ties share a rank', async () => {
      const all = (await page('?limit=200')).data
      const detail = await ok('/api/v1/pokemon/pikachu', PokemonDetailSchema)
      for (const key of ['hp', 'atk', 'def', 'spa', 'spd', 'spe', 'total'] as const) {
        const higher = all.filter((p) => p.stats[key] > detail.stats[key]).length
        expect(detail.stat_rank[key]).toEqual({ rank: higher + 1, of: 188 })
      }
      const [x, y, mewtwo] = await Promise.all(
        ['mewtwo-mega-x', 'mewtwo-mega-y', 'mewtwo'].map((s) =>
          ok(`/api/v1/pokemon/${s}`, PokemonDetailSchema),
        ),
      )
      expect([x!.stat_rank.total.rank, y!.stat_rank.total.rank, mewtwo!.stat_rank.total.rank]).toEqual([
        1, 1, 3,
      ])
    })

    test('learnset: partner tutor moves, every level its own entry, sorted by method then level', async () => {
      const partner = await ok('/api/v1/pokemon/pikachu-starter', PokemonDetailSchema)
      expect(partner.learnset.find((l) => l.slug === 'zippy-zap')).toMatchObject({
        method: 'tutor',
        level: null,
        power: 50,
        priority: 2,
        type: { slug: 'electric' },
      })
      const ivysaur = await ok('/api/v1/pokemon/ivysaur', PokemonDetailSchema)
      const vineWhip = ivysaur.learnset.filter((l) => l.slug === 'vine-whip')
      expect(vineWhip.map((l) => [l.method, l.level])).toEqual([
        ['start', 0],
        ['level-up', 5],
      ])
      const order = ['start', 'evolution', 'level-up', 'tm', 'tutor', 'inherited']
      const keys = ivysaur.learnset.map((l) => order.indexOf(l.method) * 1000 + (l.level ?? 0))
      expect(keys).toEqual([...keys].sort((a, b) => a - b))
      const raichu = await ok('/api/v1/pokemon/raichu', PokemonDetailSchema)
      expect(raichu.learnset.find((l) => l.slug === 'agility')).toMatchObject({
        method: 'inherited',
        ancestor_slug: 'pikachu',
      })
      expect(
        raichu.learnset.filter((l) => l.method !== 'inherited').every((l) => l.ancestor_slug === null),
      ).toBe(true)
    })

    test('evolution lines run from the root to the leaves', async () => {
      const line = (d: Detail) => d.evolution_line.map((s) => [s.slug, s.stage, s.evolves_from, s.trigger])
      expect(line(await ok('/api/v1/pokemon/raichu', PokemonDetailSchema))).toEqual([
        ['pikachu', 0, null, null],
        ['raichu', 1, 'pikachu', 'stone'],
      ])
      const charmander = await ok('/api/v1/pokemon/charizard-mega-x', PokemonDetailSchema)
      expect(charmander.evolution_line.map((s) => [s.slug, s.level])).toEqual([
        ['charmander', null],
        ['charmeleon', 16],
        ['charizard', 36],
      ])
      const eevee = await ok('/api/v1/pokemon/vaporeon', PokemonDetailSchema)
      expect(eevee.evolution_line[0]).toMatchObject({ slug: 'eevee', stage: 0 })
      expect(eevee.evolution_line.find((s) => s.slug === 'jolteon')).toMatchObject({ item: 'thunder-stone' })
      expect((await ok('/api/v1/pokemon/meltan', PokemonDetailSchema)).evolution_line).toHaveLength(1)
    })

    test('weaknesses: Mega Charizard X has no ×4, ×2 only to ground, rock, dragon; Gengar immune to normal and fighting', async () => {
      const megaX = await ok('/api/v1/pokemon/charizard-mega-x/weaknesses', PokemonWeaknessesSchema)
      expect(megaX.weaknesses).toHaveLength(18)
      expect(megaX.groups.quadruple).toEqual([])
      expect(megaX.groups.double).toEqual(['ground', 'rock', 'dragon'])
      expect(megaX.groups.quarter).toEqual(['fire', 'grass'])
      const gengar = await ok('/api/v1/pokemon/gengar/weaknesses?lang=fr', PokemonWeaknessesSchema)
      expect(gengar.groups.immune).toEqual(['normal', 'fighting'])
      expect(gengar.weaknesses.find((w) => w.type.slug === 'fighting')).toMatchObject({
        multiplier: 0,
        type: { name: 'Combat' },
      })
      const charizard = await ok('/api/v1/pokemon/6', PokemonDetailSchema)
      expect(charizard.weaknesses.find((w) => w.type.slug === 'rock')?.multiplier).toBe(4)
      expect(charizard.weaknesses.find((w) => w.type.slug === 'ground')?.multiplier).toBe(0)
    })

    test('every Pokédex route is documented: summary, parameter examples, 400/404 problems', async () => {
      const doc = (await (await kernel.app.request('/openapi.json')).json()) as {
        paths: Record<string, { get: OpenApiOperation }>
      }
      for (const path of [
        '/api/v1/pokemon',
        '/api/v1/pokemon/{idOrSlug}',
        '/api/v1/pokemon/{idOrSlug}/weaknesses',
        '/api/v1/moves',
        '/api/v1/moves/{idOrSlug}',
        '/api/v1/types/{idOrName}/pokemon',
      ]) {
        const op = doc.paths[path]?.get
        expect({ path, summary: typeof op?.summary, description: typeof op?.description }).toEqual({
          path,
          summary: 'string',
          description: 'string',
        })
        const noExample = op!.parameters.filter((p) => p.schema.example === undefined).map((p) => p.name)
        expect({ path, noExample }).toEqual({ path, noExample: [] })
        expect(op!.parameters.some((p) => Array.isArray(p.schema.type))).toBe(false)
        expect(Object.keys(op!.responses)).toEqual(['200', '400', '401', '403', '404', '429', '503'])
      }
    })

    test('unknown Pokémon are 404s and malformed ids 400s, naming the path parameter', async () => {
      for (const path of [
        '/api/v1/pokemon/missingno',
        '/api/v1/pokemon/0',
        '/api/v1/pokemon/99999/weaknesses',
      ]) {
        const body = await problem(path, 404)
        expect(body).toMatchObject({ code: 'POKEMON_NOT_FOUND', errors: [{ field: 'param.idOrSlug' }] })
      }
      const bad = await problem(`/api/v1/pokemon/${encodeURIComponent('pika chu!')}`, 400)
      expect(bad.errors?.[0]?.field).toBe('param.idOrSlug')
      expect((await problem('/api/v1/pokemon/25?lang=jp', 400)).errors?.[0]?.field).toBe('query.lang')
    })
  })
}
