import type { PokemonSet, Side } from '@pkmn/sim'
import { Battle } from '@pkmn/sim'
import type { LgpeEngine } from './engine.ts'
import { BattleError } from './errors.ts'
import type { MoveChooser, MovePolicy } from './policies.ts'
import type { BattleSeed } from './prng.ts'
import { assertBattleSeed, createPrng } from './prng.ts'

/** `cap`: nobody fainted within `turnCap` turns (e.g. two Pokémon with only status moves). */
export type BattleWinner = 'A' | 'B' | 'draw' | 'cap'

export interface BattleResult {
  readonly winner: BattleWinner
  /** Turns played (choices made by both sides), at most `turnCap`. */
  readonly turns: number
  /** Distinct move ids each side chose, in first-use order (Struggle included, Recharge not). */
  readonly movesUsedA: string[]
  readonly movesUsedB: string[]
  /** The engine's protocol log, only with `keepLog: true`. */
  readonly log?: readonly string[]
}

export interface RunOptions {
  /** Default 200. A real 1v1 rarely lasts 50; the cap only stops battles nobody can win. */
  readonly turnCap?: number
  readonly keepLog?: boolean
}

const DEFAULT_TURN_CAP = 200
const MOVE_CHOICES = ['move 1', 'move 2', 'move 3', 'move 4']
/** Streams of the policy PRNGs: side A and side B draw independent sequences from one seed. */
const SIDE_A_STREAM = 1
const SIDE_B_STREAM = 2

/**
 * Creates (and starts) an engine battle between two prepared sets; side A is `p1`, named `A`.
 * Sets are used as given, not re-validated: build them with `buildBattleSet`.
 *
 * @example
 * const battle = createBattle(engine, pikachu, squirtle, [1, 2, 3, 4])
 * battle.p1.active[0]?.storedStats.spe
 */
export function createBattle(
  engine: LgpeEngine,
  setA: PokemonSet,
  setB: PokemonSet,
  seed: BattleSeed,
): Battle {
  assertBattleSeed(seed)
  const { dex, format } = engine
  return new Battle(
    {
      formatid: format.id,
      format,
      seed: `${seed[0]},${seed[1]},${seed[2]},${seed[3]}`,
      p1: { name: 'A', team: [setA] },
      p2: { name: 'B', team: [setB] },
    },
    dex,
  )
}

/**
 * Plays one seeded 1v1 battle to the end (or to the turn cap). The same engine, sets, policies and
 * seed always give the same result; the seed drives both the engine's rolls and the policies' dice.
 *
 * How turns are driven: each turn we read the side's request. When it offers a single move the
 * Pokémon is locked (Recharge after Hyper Beam, the second turn of Solar Beam / Fly / Dig, Thrash
 * and Petal Dance, Bide) or must Struggle, and `move 1` is the only valid answer. Otherwise the
 * policy picks a move slot (request order = move-slot order when not locked). Megas battle in the
 * Mega form given in the set; the Mega Evolution the engine offers is never chosen.
 *
 * @throws BattleError `BATTLE_INVALID_SEED`, `BATTLE_INVALID_ARGUMENT` (turn cap),
 *   `BATTLE_INVALID_POLICY`, `BATTLE_CHOICE_REJECTED` (the engine refused a choice: a bug here).
 * @example
 * const result = runBattle(engine, pikachu, squirtle, bestPolicy(), bestPolicy(), [1, 2, 3, 4])
 * result.winner // 'A'
 */
export function runBattle(
  engine: LgpeEngine,
  setA: PokemonSet,
  setB: PokemonSet,
  policyA: MovePolicy,
  policyB: MovePolicy,
  seed: BattleSeed,
  options: RunOptions = {},
): BattleResult {
  const turnCap = options.turnCap ?? DEFAULT_TURN_CAP
  if (!Number.isInteger(turnCap) || turnCap < 1) {
    throw new BattleError('BATTLE_INVALID_ARGUMENT', `turnCap must be a positive integer, got ${turnCap}`)
  }
  const battle = createBattle(engine, setA, setB, seed)
  const a = battle.p1.active[0]
  const b = battle.p2.active[0]
  if (!a || !b)
    throw new BattleError('BATTLE_CHOICE_REJECTED', 'the battle started without two active Pokémon')
  const chooseA = policyA.start({ dex: engine.dex, self: a, foe: b, random: createPrng(seed, SIDE_A_STREAM) })
  const chooseB = policyB.start({ dex: engine.dex, self: b, foe: a, random: createPrng(seed, SIDE_B_STREAM) })
  const usedA = new Set<string>()
  const usedB = new Set<string>()
  let turns = 0
  while (!battle.ended && turns < turnCap) {
    const choiceA = decide(battle.p1, chooseA, usedA)
    const choiceB = decide(battle.p2, chooseB, usedB)
    try {
      battle.makeChoices(choiceA, choiceB)
    } catch (error) {
      throw new BattleError(
        'BATTLE_CHOICE_REJECTED',
        `turn ${turns + 1}: the engine rejected '${choiceA}' / '${choiceB}'`,
        { cause: error },
      )
    }
    turns++
  }
  const result: BattleResult = {
    winner: outcome(battle),
    turns,
    movesUsedA: [...usedA],
    movesUsedB: [...usedB],
  }
  return options.keepLog ? { ...result, log: battle.log } : result
}

function decide(side: Side, choose: MoveChooser, used: Set<string>): string {
  const request = side.activeRequest
  if (!request || 'wait' in request) return ''
  if (!('active' in request)) return 'default'
  const moves = request.active[0]?.moves
  const self = side.active[0]
  const foe = side.foe.active[0]
  if (!moves || !self || !foe) return 'default'
  if (moves.length === 1) {
    const forced = moves[0]?.id
    if (forced && forced !== 'recharge') used.add(forced)
    return 'move 1'
  }
  let index = choose(self, foe)
  if (index < 0 || index >= moves.length || moves[index]?.disabled) {
    index = moves.findIndex((move) => !move.disabled)
  }
  const move = moves[index]
  if (!move) return 'default'
  used.add(move.id)
  return MOVE_CHOICES[index] ?? 'default'
}

function outcome(battle: Battle): BattleWinner {
  if (!battle.ended) return 'cap'
  if (battle.winner === 'A') return 'A'
  if (battle.winner === 'B') return 'B'
  return 'draw'
}
