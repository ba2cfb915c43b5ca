import { TYPE_SLUGS } from '../../../core/contracts/types.ts'
import { type DamageEstimate, estimateDamage, type MoveData } from './damage.ts'
import type { RosterIndex } from './roster-index.ts'

/**
 * The model's features: ONE implementation, used to build training matrices and to answer
 * predictions, so training and serving can never compute a feature two ways.
 *
 * A row is "A uses move `moveA`, B uses move `moveB`" (what a player decides), described by
 * both sides' level-50 stats and types, each move's power, accuracy, priority, category, type
 * multiplier on the opponent, STAB, expected damage per turn as a share of the opponent's HP
 * (with crit chance, accuracy and multi-hit), hits- and turns-to-KO, who moves first, and the
 * race between the two KOs. No ids: a model must generalise to Pokémon it never saw.
 *
 * Bump `FEATURE_SPEC_VERSION` whenever a feature changes meaning; the version and the names are
 * saved with every model, and a model whose spec differs is refused at load.
 */
export const FEATURE_SPEC_VERSION = 1

const STATS = ['hp', 'atk', 'def', 'spa', 'spd', 'spe'] as const
const EFFECTS = [
  'two-turn',
  'recharge',
  'multi-hit',
  'recoil',
  'drain',
  'fixed-damage',
  'ohko',
  'self-destruct',
  'priority',
  'counter',
] as const

function sideNames(side: 'a' | 'b'): string[] {
  return [
    ...STATS.map((s) => `${side}_${s}`),
    `${side}_bst`,
    ...TYPE_SLUGS.map((t) => `${side}_type_${t}`),
    `${side}_move_power`,
    `${side}_move_accuracy`,
    `${side}_move_priority`,
    `${side}_move_physical`,
    `${side}_move_status`,
    `${side}_move_effectiveness`,
    `${side}_move_stab`,
    `${side}_move_crit_chance`,
    `${side}_move_damage_share`,
    `${side}_move_hits_to_ko`,
    `${side}_move_turns_to_ko`,
    ...EFFECTS.map((e) => `${side}_move_effect_${e}`),
  ]
}

export const FEATURE_NAMES: readonly string[] = [
  ...sideNames('a'),
  ...sideNames('b'),
  'speed_diff',
  'a_moves_first',
  'turns_to_ko_diff',
  'a_wins_ko_race',
]

export interface MatchupInput {
  a: string
  moveA: string
  b: string
  moveB: string
}

const CRIT = [0, 1 / 24, 1 / 8, 1 / 2, 1]

/** Who acts first: 1 = A, 0 = B, 0.5 = speed tie (a coin flip in the engine). */
export function firstMover(aPriority: number, bPriority: number, aSpeed: number, bSpeed: number): number {
  if (aPriority !== bPriority) return aPriority > bPriority ? 1 : 0
  return aSpeed === bSpeed ? 0.5 : aSpeed > bSpeed ? 1 : 0
}

/**
 * Writes the features of one matchup into `out` at `offset` (typed arrays, no per-row objects).
 *
 * @throws Error naming the unknown Pokémon or move.
 * @example
 * const x = new Float32Array(FEATURE_NAMES.length)
 * writeFeatures(index, { a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'water-gun' }, x, 0)
 */
export function writeFeatures(
  index: RosterIndex,
  input: MatchupInput,
  out: Float32Array,
  offset: number,
): { a: DamageEstimate; b: DamageEstimate; first: number } {
  const a = index.forms.get(input.a)
  const b = index.forms.get(input.b)
  const ma = index.moves.get(input.moveA)
  const mb = index.moves.get(input.moveB)
  if (!a || !b) throw new Error(`unknown Pokémon ${a ? input.b : input.a}`)
  if (!ma || !mb) throw new Error(`unknown move ${ma ? input.moveB : input.moveA}`)
  const da = estimateDamage(a.data, b.data, ma.data, index.chart)
  const db = estimateDamage(b.data, a.data, mb.data, index.chart)
  let o = offset
  const put = (v: number) => {
    out[o++] = v
  }
  const side = (form: typeof a, move: MoveData, est: typeof da) => {
    for (const s of STATS) put(form.data.stats[s])
    put(form.hp + form.atk + form.def + form.spa + form.spd + form.spe)
    for (const t of TYPE_SLUGS) put(form.types.includes(t) ? 1 : 0)
    put(move.power ?? 0)
    put(move.accuracy ?? 100)
    put(move.priority)
    put(move.category === 'physical' ? 1 : 0)
    put(move.category === 'status' ? 1 : 0)
    put(est.effectiveness)
    put(est.stab)
    put(move.alwaysCrit ? 1 : (CRIT[Math.min(move.critRatio, 4)] ?? 0))
    put(est.share)
    put(est.hitsToKo)
    put(est.turnsToKo)
    for (const e of EFFECTS) put(move.effectClass === e ? 1 : 0)
  }
  side(a, ma.data, da)
  side(b, mb.data, db)
  const first = firstMover(ma.data.priority, mb.data.priority, a.data.stats.spe, b.data.stats.spe)
  put(a.data.stats.spe - b.data.stats.spe)
  put(first)
  put(db.turnsToKo - da.turnsToKo)
  // A wins the race when it needs fewer turns, or as many and acts first (0.5 on a speed tie).
  put(da.turnsToKo < db.turnsToKo ? 1 : da.turnsToKo > db.turnsToKo ? 0 : first)
  // The estimates are returned too, so serving can explain a prediction without computing them twice.
  return { a: da, b: db, first }
}

/** A feature matrix (row-major Float32Array) for many matchups. */
export function featureMatrix(index: RosterIndex, inputs: readonly MatchupInput[]): Float32Array {
  const width = FEATURE_NAMES.length
  const out = new Float32Array(inputs.length * width)
  inputs.forEach((input, i) => {
    writeFeatures(index, input, out, i * width)
  })
  return out
}
