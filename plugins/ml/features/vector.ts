import type { ModdedDex } from '@pkmn/sim'
import { createArsenal } from './fighters.ts'
import { race } from './race.ts'
import type { RosterIndex } from './roster-index.ts'
import { type SideOutlook, sideNames, writeSide } from './side-features.ts'

export type { SideOutlook } from './side-features.ts'

/**
 * The model's features: ONE implementation, used to build training matrices and to answer
 * predictions, so training and serving can never compute a feature two ways.
 *
 * A row is "A uses move `moveA` every turn, B uses move `moveB` every turn" (what a player
 * decides). Per side: level-50 stats and types; the move as the engine defines it (power against
 * this target — Low Kick by weight —, accuracy, priority, PP, crit chance, hit count, type
 * multiplier, STAB); the exact damage of one use from the solver's damage tables (range, mean,
 * P(KO in 1–4 uses)); and every mechanic that decides fixed-move battles (charge, recharge,
 * hiding, rampage, trapping, Counter & co., fixed damage, halving, OHKO, self-destruct, recoil,
 * drain, crash, Fake Out, Sucker Punch, flinch, secondary and primary statuses with the target's
 * immunities, stat changes on either side, healing, Rest, Protect, Substitute, Leech Seed,
 * screens, Mist, Haze, Disable, Taunt, Yawn…). Then the pair: speeds, who moves first, and a
 * race estimate of the battle (`race.ts`: each side's damage followed exactly, the two sides
 * treated as independent). No ids: a model must generalise to Pokémon it never saw.
 *
 * Bump `FEATURE_SPEC_VERSION` whenever a feature changes meaning; the version and the names are
 * saved with every model, and a model whose spec differs is refused at load.
 */
// v4: the race counts Rage's Attack gains, a damaging self-drop's lost Defence (Superpower), and
// no secondary effect from a move that cannot touch the foe's type (Thunderbolt on a Ground type)
// v5: a Substitute doll counts the hits it absorbed; recoil and Struggle's recoil need a hit that
// lands (Protect, Dig / Fly); a cycling Rest user keeps no status from hits; an end-of-turn double
// KO goes to the slower side; burn, Facade and secondary stat changes as mixtures, not switches;
// confusion self-hits under the confused side's own stages
// v6: Bide returns only the two stored turns of every three; a poison blocks Counter & co. only
// when its chip outweighs the foe's hits
export const FEATURE_SPEC_VERSION = 6

export const FEATURE_NAMES: readonly string[] = [
  ...sideNames('a'),
  ...sideNames('b'),
  'speed_diff',
  'a_moves_first',
  'turns_to_ko_diff',
  'a_wins_ko_race',
  'race_win_a',
  'race_win_b',
  'race_neither',
  'race_expected_turns',
  'race_ko_turn1_a',
  'race_ko_turn1_b',
  'race_struggle_turn_a',
  'race_struggle_turn_b',
  'race_struggle_turn_diff',
]

export interface MatchupInput {
  a: string
  moveA: string
  b: string
  moveB: string
}

/** Who acts first: 1 = A, 0 = B, 0.5 = speed tie (a coin flip in the engine). */
export function firstMover(aPriority: number, bPriority: number, aSpeed: number, bSpeed: number): number {
  if (aPriority !== bPriority) return aPriority > bPriority ? 1 : 0
  return aSpeed === bSpeed ? 0.5 : aSpeed > bSpeed ? 1 : 0
}

/** The feature space of a roster: writes rows, caching per-move facts (keep one per process). */
export interface FeatureSpace {
  /** The roster the rows refer to (baselines and callers read it too). */
  readonly index: RosterIndex
  /**
   * Writes the features of one matchup into `out` at `offset` (typed arrays, no per-row objects).
   * @throws Error naming the unknown Pokémon or move.
   */
  write(
    input: MatchupInput,
    out: Float32Array,
    offset: number,
  ): { a: SideOutlook; b: SideOutlook; first: number }
  /** A feature matrix (row-major) for many matchups. */
  matrix(inputs: readonly MatchupInput[]): Float32Array
}

/**
 * @example
 * const space = createFeatureSpace(index, engine.dex)
 * const x = space.matrix([{ a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'water-gun' }])
 */
export function createFeatureSpace(index: RosterIndex, dex: ModdedDex): FeatureSpace {
  const arsenal = createArsenal(index, dex)
  const width = FEATURE_NAMES.length
  const space: FeatureSpace = {
    index,
    write(input, out, offset) {
      for (const slug of [input.a, input.b])
        if (!index.forms.has(slug)) throw new Error(`unknown Pokémon ${slug}`)
      for (const slug of [input.moveA, input.moveB])
        if (!index.moves.has(slug)) throw new Error(`unknown move ${slug}`)
      const atkA = arsenal.attack(input.a, input.moveA, input.b)
      const atkB = arsenal.attack(input.b, input.moveB, input.a)
      const first = firstMover(
        atkA.mech.priority,
        atkB.mech.priority,
        atkA.attacker.stats.spe,
        atkB.attacker.stats.spe,
      )
      let o = offset
      const put = (v: number) => {
        out[o++] = v
      }
      const fighterA = arsenal.fighter(atkA, atkB)
      const fighterB = arsenal.fighter(atkB, atkA)
      const outA = writeSide(index, input.a, atkA, atkB, fighterA, put)
      const outB = writeSide(index, input.b, atkB, atkA, fighterB, put)
      // Protect's +4 only orders the turns it is used, when it deals no damage; what it deals
      // (Struggle, once its PP is gone) comes in speed order, which is the order the race needs
      const raceFirst =
        atkA.mech.protect || atkB.mech.protect
          ? firstMover(
              atkA.mech.protect ? 0 : atkA.mech.priority,
              atkB.mech.protect ? 0 : atkB.mech.priority,
              atkA.attacker.stats.spe,
              atkB.attacker.stats.spe,
            )
          : first
      const faster = firstMover(0, 0, atkA.attacker.stats.spe, atkB.attacker.stats.spe)
      const r = race(fighterA, fighterB, raceFirst, faster)
      put(atkA.attacker.stats.spe - atkB.attacker.stats.spe)
      put(first)
      put(outB.turnsToKo - outA.turnsToKo)
      put(outA.turnsToKo < outB.turnsToKo ? 1 : outA.turnsToKo > outB.turnsToKo ? 0 : first)
      put(r.winA)
      put(r.winB)
      put(r.neither)
      put(r.expectedTurns)
      put(r.koTurn1A)
      put(r.koTurn1B)
      put(r.struggleTurnA)
      put(r.struggleTurnB)
      put(r.struggleTurnB - r.struggleTurnA)
      return { a: outA, b: outB, first }
    },
    matrix(inputs) {
      const values = new Float32Array(inputs.length * width)
      inputs.forEach((input, i) => {
        space.write(input, values, i * width)
      })
      return values
    },
  }
  return space
}
