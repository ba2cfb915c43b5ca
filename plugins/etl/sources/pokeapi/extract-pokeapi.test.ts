import { describe, expect, test } from 'bun:test'
import { fixtureRecordings, tinyBase } from '../../../../testing/etl/pokeapi-fixtures.ts'
import { createRecordedFetcher } from '../../http/recorded-fetcher.ts'
import { extractPokeApi } from './index.ts'

const BASE = 'https://pokeapi.co/api/v2'

describe('extractPokeApi on recorded responses', () => {
  test('reads forms, species, chains, moves and machines for what the base lists', async () => {
    const http = createRecordedFetcher(fixtureRecordings(BASE))
    const extract = await extractPokeApi(tinyBase(), http, { baseUrl: BASE })
    expect(extract.source).toBe('pokeapi')
    expect(extract.pokemon?.map((p) => p.slug)).toEqual(['pikachu', 'pikachu-starter', 'raichu-alola'])
    const [pikachu, partner, alolan] = extract.pokemon!
    // base forms get the species' names; other forms' names are not PokéAPI's to give here
    expect(pikachu?.names).toEqual({ en: 'Pikachu', fr: 'Pikachu' })
    expect(partner?.names).toEqual({})
    expect(alolan).toMatchObject({ heightM: 0.7, weightKg: 21, types: ['electric', 'psychic'] })
    expect(extract.species).toEqual([
      expect.objectContaining({ slug: 'pikachu', nationalDex: 25, names: { en: 'Pikachu', fr: 'Pikachu' } }),
      expect.objectContaining({
        slug: 'raichu',
        evolvesFrom: 'pikachu',
        evolution: { trigger: 'stone', item: 'thunder-stone' },
      }),
    ])
    expect(extract.species?.[0]?.evolvesFrom).toBeUndefined() // Pichu is not in Let's Go
    const moves = new Map(extract.moves?.map((m) => [m.slug, m]))
    expect(moves.get('zippy-zap')).toMatchObject({ power: 50, pp: 15, names: { fr: 'Pika-Sprint' } })
    expect(moves.get('absorb')).toMatchObject({ power: 40, pp: 15 })
    // our slug, PokéAPI's spelling in the URL
    expect(moves.get('vise-grip')).toMatchObject({ num: 11, names: { fr: 'Force Poigne' } })
    expect(http.calls).toContain(`${BASE}/move/vice-grip`)
    // fields PokéAPI cannot know are left undefined, never copied from the base placeholders
    expect(moves.get('absorb')?.effectClass).toBeUndefined()
    expect(moves.get('absorb')?.critRatio).toBeUndefined()
  })

  test('learnsets: LGPE only, TM numbers from /machine, a move at two "levels" keeps both', async () => {
    const extract = await extractPokeApi(tinyBase(), createRecordedFetcher(fixtureRecordings(BASE)), {
      baseUrl: BASE,
    })
    const of = (pokemon: string) => extract.learnsets?.filter((entry) => entry.pokemon === pokemon)
    expect(of('pikachu')).toEqual([
      { pokemon: 'pikachu', move: 'growl', method: 'start', level: 0 },
      { pokemon: 'pikachu', move: 'thunder-shock', method: 'start', level: 0 },
      { pokemon: 'pikachu', move: 'thunderbolt', method: 'level-up', level: 21 },
      { pokemon: 'pikachu', move: 'thunderbolt', method: 'tm', level: null, tm: 36 },
    ])
    expect(
      of('raichu-alola')
        ?.filter((entry) => entry.move === 'psychic')
        .map((entry) => entry.method),
    ).toEqual(['start', 'evolution', 'tm'])
    expect(of('pikachu-starter')).toContainEqual({
      pokemon: 'pikachu-starter',
      move: 'zippy-zap',
      method: 'tutor',
      level: null,
    })
  })

  test('404s and moves outside the base become rejects with the URL; warnings summarise', async () => {
    const extract = await extractPokeApi(tinyBase(), createRecordedFetcher(fixtureRecordings(BASE)), {
      baseUrl: BASE,
    })
    expect(extract.rejects.map((r) => [r.locator, r.reason])).toEqual([
      [`${BASE}/pokemon-species/meltan`, 'HTTP 404: not on PokéAPI'],
      [`${BASE}/pokemon/meltan`, 'HTTP 404: not on PokéAPI'],
      [`${BASE}/pokemon/pikachu (moves: tail-whip)`, 'LGPE move not in the base move list'],
    ])
    expect(extract.rejects.every((r) => r.source === 'pokeapi')).toBe(true)
    expect(extract.warnings).toEqual([
      'pokeapi: pre-evolutions outside Let’s Go ignored (1): pikachu ← pichu',
    ])
  })

  test('progress reaches its total, which grows with chains and machines', async () => {
    const calls: [number, number][] = []
    await extractPokeApi(tinyBase(), createRecordedFetcher(fixtureRecordings(BASE)), {
      baseUrl: BASE,
      onProgress: (done, total) => calls.push([done, total]),
    })
    // 4 forms + 3 species + 7 moves, then 1 chain, then 1 machine
    expect(calls.at(-1)).toEqual([16, 16])
    expect(calls.map(([done]) => done)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
  })

  test('malformed JSON and a missing field are rejects naming URL and field; the rest goes on', async () => {
    const recordings = fixtureRecordings(BASE)
    recordings[`${BASE}/pokemon/pikachu`] = { status: 200, body: '{"id": 25, "height": ' }
    const noHeight = JSON.parse(recordings[`${BASE}/pokemon/raichu-alola`]!.body)
    delete noHeight.height
    recordings[`${BASE}/pokemon/raichu-alola`] = { status: 200, body: JSON.stringify(noHeight) }
    const extract = await extractPokeApi(tinyBase(), createRecordedFetcher(recordings), { baseUrl: BASE })
    expect(extract.pokemon?.map((p) => p.slug)).toEqual(['pikachu-starter'])
    const malformed = extract.rejects.find((r) => r.locator === `${BASE}/pokemon/pikachu`)
    expect(malformed?.reason).toStartWith('malformed JSON')
    expect(malformed?.raw).toBe('{"id": 25, "height": ')
    const missing = extract.rejects.find((r) => r.locator.startsWith(`${BASE}/pokemon/raichu-alola`))
    expect(missing?.locator).toBe(`${BASE}/pokemon/raichu-alola (field height)`)
    expect(missing?.reason).toContain('height')
    expect(extract.moves).toHaveLength(7)
    expect(extract.species).toHaveLength(2)
  })

  test('a 500 that persists (the client already retried) is a reject, not a stop', async () => {
    const recordings = fixtureRecordings(BASE)
    recordings[`${BASE}/move/absorb`] = { status: 503, body: 'Service Unavailable' }
    const extract = await extractPokeApi(tinyBase(), createRecordedFetcher(recordings), { baseUrl: BASE })
    expect(extract.rejects).toContainEqual(
      expect.objectContaining({ locator: `${BASE}/move/absorb`, reason: 'HTTP 503' }),
    )
    expect(extract.moves).toHaveLength(6)
    expect(extract.warnings.some((w) => w.includes('unreachable'))).toBe(false)
  })

  test('unreachable mid-run: one warning, what was read is kept, nothing more is asked', async () => {
    const http = createRecordedFetcher(fixtureRecordings(BASE), { unreachable: [`${BASE}/pokemon-species/`] })
    const extract = await extractPokeApi(tinyBase(), http, { baseUrl: BASE })
    expect(extract.warnings.filter((w) => w.startsWith('pokeapi unreachable: '))).toHaveLength(1)
    expect(extract.pokemon).toHaveLength(3)
    expect(extract.learnsets?.length).toBeGreaterThan(0)
    expect(extract.species).toEqual([])
    expect(extract.moves).toEqual([])
    expect(http.calls.filter((url) => url.includes('/move/') || url.includes('/evolution-chain/'))).toEqual(
      [],
    )
  })

  test('a dead host from the start: one warning, an empty extract, a bounded number of attempts', async () => {
    const http = createRecordedFetcher({}, { unreachable: ['pokeapi.co'] })
    const extract = await extractPokeApi(tinyBase(), http, { baseUrl: BASE, inFlight: 4 })
    expect(extract.warnings).toHaveLength(1)
    expect(extract.warnings[0]).toStartWith('pokeapi unreachable: ')
    expect(extract.pokemon).toEqual([])
    expect(http.calls.length).toBeLessThanOrEqual(4)
  })
})
