import fc from 'fast-check'
import { type Pools, type RequestParts, requestPartsFor } from './hostile-gen.ts'
import { hostileText } from './hostile-values.ts'
import type { OpenApiDocument, OperationEntry } from './openapi-doc.ts'

/** One request as the property tests send it (without the API key: each test sets its own). */
export interface HostileRequest extends RequestParts {
  method: string
}

/** Forms that share the moves below, so usual bodies are often legal and reach the model. */
const POKEMON = [
  'pikachu',
  'raichu-alola',
  'pikachu-starter',
  'squirtle',
  'gengar',
  'charizard-mega-x',
  'snorlax',
]
/** Rarer references and traps: ids, case, Ditto (no damaging move), forms that do not exist. */
const POKEMON_EDGE = ['25', '0025', 'PIKACHU', 'ditto', 'melmetal', 'mewtwo-mega-y', 'missingno']
/** Repetition is weight: three usual forms for one edge case. */
const POKEMON_REFS = [...POKEMON, ...POKEMON, ...POKEMON, ...POKEMON_EDGE]
/** Moves every form above learns, damaging and status. */
const MOVES = ['facade', 'headbutt', 'protect', 'rest', 'substitute', 'toxic']
/** Moves most of them cannot learn, one whose power cannot be priced (pika-papow), an id, case. */
const MOVE_EDGE = ['thunderbolt', 'surf', 'pika-papow', 'zippy-zap', 'transform', 'splash', '85', 'HEADBUTT']
const MOVE_REFS = [...MOVES, ...MOVES, ...MOVES, ...MOVE_EDGE]
const TYPES = [
  'fire',
  'Feu',
  'électrik',
  'ELECTRIC',
  '13',
  'fairy',
  'grass,poison',
  'fire',
  'grass',
  '0',
  'fire,,water',
]
const LIST_POOLS: Pools = { type: TYPES, q: ['pika', 'dracaufeu', 'mr mime', 'é'], pokemon: POKEMON_REFS }

const PREDICT_POOLS: Pools = {
  pokemon_a: POKEMON_REFS,
  pokemon_b: POKEMON_REFS,
  moves_a: MOVE_REFS,
  moves_b: MOVE_REFS,
  move_a: MOVE_REFS,
  move_b: MOVE_REFS,
}

/**
 * Optimal play solves a game per distinct request: damaging moves without side effects keep each
 * game small (a few states) whatever the forms and HP, so hundreds of requests stay cheap.
 */
const OPTIMAL_MOVES = ['headbutt', 'facade', 'headbutt', 'facade', ...MOVE_EDGE]
const OPTIMAL_POOLS: Pools = { ...PREDICT_POOLS, moves_a: OPTIMAL_MOVES, moves_b: OPTIMAL_MOVES }

/** Simulations must stay cheap: a valid K is small, and a hostile K is never a valid one. */
const SIMULATE_POOLS: Pools = {
  ...PREDICT_POOLS,
  k: {
    keep: true,
    usual: fc.constantFrom(1, 3),
    hostile: fc.oneof(
      fc.constantFrom(0, -1, 1001, 1e308, -0, 2.5, 2 ** 53 + 2, '5', null, true, [5], { k: 5 }),
      hostileText,
    ),
  },
  seed: [1, 42],
}

const requestsFor =
  (pools: Pools) =>
  (doc: OpenApiDocument, entry: OperationEntry): fc.Arbitrary<HostileRequest> =>
    requestPartsFor(doc, entry, pools).map((parts) => ({ method: entry.method, ...parts }))

/**
 * The request generator of every documented operation, by `METHOD path`. Parameters and bodies
 * come from the document; an entry only adds usual values. A route added to the API without an
 * entry here fails the hostile-input test, so no new route goes unchecked.
 *
 * @example
 * fc.sample(HOSTILE_REQUESTS['GET /api/v1/pokemon']!(doc, entry), 5)
 */
export const HOSTILE_REQUESTS: Record<
  string,
  (doc: OpenApiDocument, entry: OperationEntry) => fc.Arbitrary<HostileRequest>
> = {
  'GET /healthz': requestsFor({}),
  'GET /readyz': requestsFor({}),
  'GET /api/v1/types': requestsFor({}),
  'GET /api/v1/types/effectiveness': requestsFor({ attacking: TYPES, defending: TYPES }),
  'GET /api/v1/types/{idOrName}/pokemon': requestsFor({ ...LIST_POOLS, idOrName: TYPES }),
  'GET /api/v1/pokemon': requestsFor(LIST_POOLS),
  'GET /api/v1/pokemon/{idOrSlug}': requestsFor({ idOrSlug: POKEMON_REFS }),
  'GET /api/v1/pokemon/{idOrSlug}/weaknesses': requestsFor({ idOrSlug: POKEMON_REFS }),
  'GET /api/v1/moves': requestsFor({ ...LIST_POOLS, effect_class: ['damage', 'multi-hit', 'priority'] }),
  'GET /api/v1/moves/{idOrSlug}': requestsFor({ idOrSlug: MOVE_REFS }),
  'POST /api/v1/predict/best-move': requestsFor(PREDICT_POOLS),
  'POST /api/v1/predict/matchup': requestsFor(PREDICT_POOLS),
  'POST /api/v1/predict/optimal': requestsFor(OPTIMAL_POOLS),
  'GET /api/v1/model': requestsFor({}),
  'GET /api/v1/model/truth': requestsFor({}),
  // one usual Pokémon (its references) and few moves: each new (Pokémon, move) is a model batch
  // of ~750 pairs, too slow to draw hundreds of; the edge cases are cheap refusals
  'GET /api/v1/pokemon/{idOrSlug}/threats': requestsFor({
    idOrSlug: ['pikachu', 'pikachu', '25', 'PIKACHU', 'ditto', 'missingno'],
    moves: ['facade', 'thunderbolt', 'facade,thunderbolt', 'facade,facade', 'surf', 'a,b,c,d,e', ''],
    exact: [0, 2],
  }),
  'GET /api/v1/monitoring/drift': requestsFor({}),
  'POST /api/v1/simulate': requestsFor(SIMULATE_POOLS),
}
