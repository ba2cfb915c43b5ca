import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { createTrainedApiKernel, type TrainedApiKernel } from '../../../testing/api/trained-kernel.ts'

/**
 * The threats route over the shipped champion (SQLite only: the ranking does not touch the
 * database beyond the catalogue, which the Pokédex suites cover on both engines).
 */
describe('GET /api/v1/pokemon/{idOrSlug}/threats', () => {
  let api: TrainedApiKernel
  beforeAll(async () => {
    // the matchup worker's suite: warmed at start, as a server does (test kernels rank in-thread)
    api = await createTrainedApiKernel({ env: { ML_WARM_MATCHUPS: 'true', ML_MATCHUP_WORKER: 'true' } })
  }, 300_000)
  afterAll(() => api.close())
  const get = (path: string, key: string | null = api.key) =>
    api.kernel.app.request(path, { headers: key === null ? {} : { 'x-api-key': key } })

  interface Threats {
    pokemon: { slug: string }
    moves: string[]
    scored_pairs: number
    opponents: {
      rank: number
      pokemon: { slug: string; name: string | null }
      win_probability: number
      move: string
      reply: string
      exact: { status: string; win_probability: number | null } | null
    }[]
  }

  test('ranks every form as an opponent, most dangerous first, with A’s best move against its worst reply', async () => {
    const res = await get('/api/v1/pokemon/pikachu/threats?moves=thunderbolt,quick-attack&exact=2')
    expect(res.status).toBe(200)
    const body = (await res.json()) as Threats
    expect(body.pokemon.slug).toBe('pikachu')
    expect(body.moves).toEqual(['thunderbolt', 'quick-attack'])
    expect(body.opponents).toHaveLength(188)
    expect(new Set(body.opponents.map((o) => o.pokemon.slug)).size).toBe(188)
    expect(body.opponents.map((o) => o.rank)).toEqual(body.opponents.map((_, i) => i + 1))
    const p = body.opponents.map((o) => o.win_probability)
    expect(p).toEqual([...p].sort((x, y) => x - y))
    for (const o of body.opponents) {
      expect(['thunderbolt', 'quick-attack']).toContain(o.move)
      expect(o.win_probability).toBeGreaterThanOrEqual(0)
      expect(o.win_probability).toBeLessThanOrEqual(1)
    }
    // exact answers only at both ends (2 each), nowhere else
    const withExact = body.opponents.flatMap((o, i) => (o.exact ? [i] : []))
    expect(withExact).toEqual([0, 1, 186, 187])
    // Ground types cannot be hit by Thunderbolt: a Ground form's best move is Quick Attack
    const onix = body.opponents.find((o) => o.pokemon.slug === 'onix')!
    expect(onix.move).toBe('quick-attack')
    // the same request again is answered from the cached tables
    const again = (await (
      await get('/api/v1/pokemon/25/threats?moves=thunderbolt,quick-attack')
    ).json()) as Threats
    expect(again.scored_pairs).toBe(0)
    expect(again.opponents.map((o) => o.pokemon.slug)).toEqual(body.opponents.map((o) => o.pokemon.slug))
  })

  test('without moves, the Pokémon’s 4 strongest damaging moves are used', async () => {
    const body = (await (await get('/api/v1/pokemon/gengar/threats?exact=0')).json()) as Threats
    expect(body.moves).toHaveLength(4)
    expect(body.opponents.every((o) => o.exact === null)).toBe(true)
  })

  test('answers are served again byte for byte, and an exact answer still pending comes with a later request', async () => {
    const url = '/api/v1/pokemon/charmander/threats?moves=ember&exact=1'
    const first = (await (await get(url)).json()) as Threats
    // a pair never asked before: its solve starts with this request, which does not wait for it
    expect(first.opponents[0]!.exact).toEqual({ status: 'pending', win_probability: null })
    const bytes = async () => new Uint8Array(await (await get(url)).arrayBuffer())
    // the ends are solved in the background: ask until neither is pending (bounded)
    let settled: Threats = first
    for (let i = 0; i < 240 && settled.opponents.some((o) => o.exact?.status === 'pending'); i++) {
      await Bun.sleep(250)
      settled = (await (await get(url)).json()) as Threats
    }
    const ends = [settled.opponents[0]!, settled.opponents[187]!]
    for (const o of ends) expect(['exact', 'sampled']).toContain(o.exact!.status)
    expect(settled.opponents.map((o) => o.pokemon.slug)).toEqual(first.opponents.map((o) => o.pokemon.slug))
    const [x, y] = [await bytes(), await bytes()]
    expect(y).toEqual(x)
    expect(JSON.parse(new TextDecoder().decode(x))).toEqual({ ...settled, scored_pairs: 0 })
  }, 120_000)

  test('bad input is a problem+json naming the field', async () => {
    for (const [url, status, field] of [
      [
        '/api/v1/pokemon/pikachu/threats?moves=thunderbolt,quick-attack,iron-tail,thunder,surf',
        400,
        'query.moves',
      ],
      ['/api/v1/pokemon/pikachu/threats?moves=thunderbolt,,surf', 400, 'query.moves'],
      ['/api/v1/pokemon/pikachu/threats?moves=surf', 400, 'query.moves.0'],
      ['/api/v1/pokemon/pikachu/threats?moves=thunderbolt,not-a-move', 404, 'query.moves.1'],
      ['/api/v1/pokemon/pikachu/threats?exact=11', 400, 'query.exact'],
      ['/api/v1/pokemon/pikachu/threats?exact=two', 400, 'query.exact'],
      ['/api/v1/pokemon/pikachu/threats?lang=jp', 400, 'query.lang'],
      ['/api/v1/pokemon/pikachoo/threats', 404, 'param.idOrSlug'],
    ] as const) {
      const res = await get(url)
      expect({ url, status: res.status }).toEqual({ url, status })
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      const problem = (await res.json()) as { errors?: { field: string }[] }
      expect({ url, fields: problem.errors?.map((e) => e.field) }).toEqual({ url, fields: [field] })
    }
  })

  test('needs an API key', async () => {
    expect((await get('/api/v1/pokemon/pikachu/threats', null)).status).toBe(401)
    expect((await get('/api/v1/pokemon/pikachu/threats', 'nope')).status).toBe(403)
  })
})
