/**
 * Requests with realistic input for the "answers match the document" test: successes (at least
 * one per documented operation, the test checks that) and problems of every documented kind.
 */

export interface SampleRequest {
  /** The operation, as `listOperations` names it. */
  operation: string
  url: string
  /** A JSON body (POST); sent with the API key. */
  body?: unknown
  /** Overrides: no key, a wrong key, another content type, a raw body. */
  key?: 'none' | 'wrong'
  contentType?: string
  rawBody?: string
  status: number
}

const BEST_MOVE = {
  pokemon_a: 'pikachu',
  moves_a: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder-wave'],
  pokemon_b: 'squirtle',
}
const MATCHUP = {
  matchups: [
    { pokemon_a: 'pikachu', move_a: 'thunderbolt', pokemon_b: 'squirtle', move_b: 'water-gun' },
    { pokemon_a: 'charizard-mega-x', move_a: 'flare-blitz', pokemon_b: 'raichu-alola', move_b: 'psychic' },
  ],
}

const OPTIMAL = {
  pokemon_a: 'pikachu',
  moves_a: ['thunderbolt', 'quick-attack'],
  pokemon_b: 'squirtle',
  moves_b: ['water-gun', 'tackle'],
}

/** One or more successful requests per operation. */
export const SUCCESS_SAMPLES: SampleRequest[] = [
  { operation: 'GET /healthz', url: '/healthz', status: 200 },
  { operation: 'GET /readyz', url: '/readyz', status: 200 },
  { operation: 'GET /api/v1/types', url: '/api/v1/types', status: 200 },
  { operation: 'GET /api/v1/types/effectiveness', url: '/api/v1/types/effectiveness', status: 200 },
  {
    operation: 'GET /api/v1/types/effectiveness',
    url: '/api/v1/types/effectiveness?attacking=Feu&defending=grass,poison',
    status: 200,
  },
  {
    operation: 'GET /api/v1/types/effectiveness',
    url: '/api/v1/types/effectiveness?attacking=fire',
    status: 200,
  },
  {
    operation: 'GET /api/v1/types/effectiveness',
    url: '/api/v1/types/effectiveness?defending=grass,poison',
    status: 200,
  },
  {
    operation: 'GET /api/v1/types/{idOrName}/pokemon',
    url: `/api/v1/types/${encodeURIComponent('électrik')}/pokemon?limit=5&sort=total&order=desc&lang=fr`,
    status: 200,
  },
  { operation: 'GET /api/v1/pokemon', url: '/api/v1/pokemon?limit=3&type=fire&lang=fr', status: 200 },
  { operation: 'GET /api/v1/pokemon', url: '/api/v1/pokemon?q=dracaufeu&form=mega', status: 200 },
  { operation: 'GET /api/v1/pokemon/{idOrSlug}', url: '/api/v1/pokemon/25?lang=fr', status: 200 },
  { operation: 'GET /api/v1/pokemon/{idOrSlug}', url: '/api/v1/pokemon/charizard-mega-x', status: 200 },
  {
    operation: 'GET /api/v1/pokemon/{idOrSlug}/weaknesses',
    url: '/api/v1/pokemon/raichu-alola/weaknesses',
    status: 200,
  },
  { operation: 'GET /api/v1/moves', url: '/api/v1/moves?type=electric&power_min=50&sort=power', status: 200 },
  { operation: 'GET /api/v1/moves', url: '/api/v1/moves?pokemon=pikachu-starter&lang=fr', status: 200 },
  { operation: 'GET /api/v1/moves/{idOrSlug}', url: '/api/v1/moves/zippy-zap?lang=fr', status: 200 },
  { operation: 'GET /api/v1/moves/{idOrSlug}', url: '/api/v1/moves/85', status: 200 },
  {
    operation: 'POST /api/v1/predict/best-move',
    url: '/api/v1/predict/best-move',
    body: BEST_MOVE,
    status: 200,
  },
  {
    operation: 'POST /api/v1/predict/best-move',
    url: '/api/v1/predict/best-move?lang=fr',
    body: { ...BEST_MOVE, moves_b: ['water-gun', 'bite'] },
    status: 200,
  },
  { operation: 'POST /api/v1/predict/matchup', url: '/api/v1/predict/matchup', body: MATCHUP, status: 200 },
  {
    operation: 'POST /api/v1/simulate',
    url: '/api/v1/simulate',
    body: { pokemon_a: 'pikachu', pokemon_b: 'squirtle', k: 20, seed: 7 },
    status: 200,
  },
  {
    operation: 'POST /api/v1/simulate',
    url: '/api/v1/simulate',
    body: { pokemon_a: 'gengar', moves_a: ['shadow-ball'], pokemon_b: 'snorlax', policy_a: 'fixed', k: 5 },
    status: 200,
  },
  { operation: 'POST /api/v1/predict/optimal', url: '/api/v1/predict/optimal', body: OPTIMAL, status: 200 },
  {
    operation: 'POST /api/v1/predict/optimal',
    url: '/api/v1/predict/optimal?lang=fr',
    body: { ...OPTIMAL, state: { a: { hp: 20, status: 'par' }, b: { hp: 35, boosts: { def: -1 } } } },
    status: 200,
  },
  { operation: 'GET /api/v1/model', url: '/api/v1/model', status: 200 },
  { operation: 'GET /api/v1/model/truth', url: '/api/v1/model/truth', status: 200 },
  { operation: 'GET /api/v1/monitoring/drift', url: '/api/v1/monitoring/drift', status: 200 },
  {
    operation: 'GET /api/v1/pokemon/{idOrSlug}/threats',
    url: '/api/v1/pokemon/pikachu/threats?moves=thunderbolt,quick-attack&exact=2&lang=fr',
    status: 200,
  },
  { operation: 'GET /api/v1/pokemon/{idOrSlug}/threats', url: '/api/v1/pokemon/25/threats', status: 200 },
]

/** Problems of each documented kind. */
export const PROBLEM_SAMPLES: SampleRequest[] = [
  { operation: 'GET /api/v1/pokemon', url: '/api/v1/pokemon?limit=0', status: 400 },
  { operation: 'GET /api/v1/pokemon', url: '/api/v1/pokemon?type=feux', status: 404 },
  { operation: 'GET /api/v1/pokemon/{idOrSlug}', url: '/api/v1/pokemon/pikachoo', status: 404 },
  { operation: 'GET /api/v1/moves', url: '/api/v1/moves?power_min=120&power_max=80', status: 400 },
  {
    operation: 'GET /api/v1/types/effectiveness',
    url: '/api/v1/types/effectiveness?attacking=fire&defending=grass,water,ice',
    status: 400,
  },
  { operation: 'GET /api/v1/types/{idOrName}/pokemon', url: '/api/v1/types/feux/pokemon', status: 404 },
  {
    operation: 'GET /api/v1/pokemon/{idOrSlug}/threats',
    url: '/api/v1/pokemon/pikachu/threats?moves=thunderbolt,quick-attack,iron-tail,thunder,surf',
    status: 400,
  },
  {
    operation: 'GET /api/v1/pokemon/{idOrSlug}/threats',
    url: '/api/v1/pokemon/pikachu/threats?moves=surf',
    status: 400,
  },
  {
    operation: 'GET /api/v1/pokemon/{idOrSlug}/threats',
    url: '/api/v1/pokemon/pikachoo/threats',
    status: 404,
  },
  {
    operation: 'GET /api/v1/pokemon/{idOrSlug}/threats',
    url: '/api/v1/pokemon/pikachu/threats',
    key: 'none',
    status: 401,
  },
  { operation: 'POST /api/v1/predict/best-move', url: '/api/v1/predict/best-move', body: {}, status: 400 },
  {
    operation: 'POST /api/v1/predict/best-move',
    url: '/api/v1/predict/best-move',
    body: { ...BEST_MOVE, moves_a: ['surf'] },
    status: 400,
  },
  {
    operation: 'POST /api/v1/predict/best-move',
    url: '/api/v1/predict/best-move',
    body: BEST_MOVE,
    key: 'none',
    status: 401,
  },
  {
    operation: 'POST /api/v1/predict/matchup',
    url: '/api/v1/predict/matchup',
    body: MATCHUP,
    key: 'wrong',
    status: 403,
  },
  {
    operation: 'POST /api/v1/predict/matchup',
    url: '/api/v1/predict/matchup',
    rawBody: JSON.stringify({ matchups: Array(5_000).fill(MATCHUP.matchups[0]) }),
    status: 413,
  },
  {
    operation: 'POST /api/v1/predict/optimal',
    url: '/api/v1/predict/optimal',
    body: { ...OPTIMAL, state: { a: { hp: 999 }, b: { hp: 10 } } },
    status: 400,
  },
  {
    operation: 'POST /api/v1/predict/optimal',
    url: '/api/v1/predict/optimal',
    // Dig's turns, Scald's burn and stat drops of both sides: over 30,000 discrete states,
    // refused during the exploration (a quarter of a second)
    body: {
      pokemon_a: 'magnemite',
      moves_a: ['flash-cannon', 'facade', 'thunder-shock', 'thunder'],
      pokemon_b: 'vaporeon',
      moves_b: ['scald', 'shadow-ball', 'dig', 'aurora-beam'],
    },
    status: 422,
  },
  {
    operation: 'POST /api/v1/simulate',
    url: '/api/v1/simulate',
    rawBody: '{"pokemon_a": "pikachu",',
    status: 400,
  },
  {
    operation: 'POST /api/v1/simulate',
    url: '/api/v1/simulate',
    rawBody: JSON.stringify({ pokemon_a: 'pikachu', pokemon_b: 'squirtle' }),
    contentType: 'text/plain',
    status: 415,
  },
  {
    operation: 'POST /api/v1/simulate',
    url: '/api/v1/simulate',
    body: { pokemon_a: 'ditto', pokemon_b: 'pikachu', k: 5 },
    status: 400,
  },
]

/**
 * Sends a sample to an app in process: with `key` in X-API-Key unless the sample says otherwise,
 * its body as JSON unless it brings its own.
 *
 * @example
 * const res = await sendSample(kernel.app, SUCCESS_SAMPLES[0]!, key)
 */
export function sendSample(
  app: { request(url: string, init: RequestInit): Response | Promise<Response> },
  sample: SampleRequest,
  key: string,
): Promise<Response> {
  const headers: Record<string, string> = {}
  if (sample.key !== 'none') headers['x-api-key'] = sample.key === 'wrong' ? 'not-a-key' : key
  const body = sample.rawBody ?? (sample.body === undefined ? undefined : JSON.stringify(sample.body))
  if (body !== undefined) headers['content-type'] = sample.contentType ?? 'application/json'
  return Promise.resolve(
    app.request(sample.url, {
      method: sample.operation.split(' ')[0],
      headers,
      ...(body === undefined ? {} : { body }),
    }),
  )
}
