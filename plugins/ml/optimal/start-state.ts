import type { BoostName, Mode } from '../solver/mode.ts'
import { BOOST_FIELDS, BOOST_NAMES, F, SIDE_SIZE, SLP, STATUS_IDS } from '../solver/mode.ts'
import type { Game } from './setup.ts'
import { initialState, X, xset } from './state.ts'

/** A side's situation in the middle of a battle, as a player can read it on screen. */
export interface SideState {
  /** HP left (1 … max HP). */
  readonly hp: number
  /** Major status: '', 'par', 'brn', 'psn', 'tox', 'slp', 'frz'. */
  readonly status?: string
  /** For 'slp': turns it still cannot move (1–3; Rest's sleep: 2). */
  readonly sleepTurns?: number
  /** For 'tox': turns already hurt by Toxic (the next hurts (n + 1)/16). */
  readonly toxicTurns?: number
  /** Stat stages, −6 … 6. */
  readonly boosts?: Partial<Record<BoostName, number>>
  /** PP used per move slot (same order as the moves). */
  readonly ppUsed?: readonly number[]
}

/** Where a problem with a mid-battle state is: side and field, for a client to show it in place. */
export class StateError extends Error {
  readonly side: 0 | 1
  readonly field: string
  constructor(side: 0 | 1, field: string, message: string) {
    super(message)
    this.name = 'StateError'
    this.side = side
    this.field = field
  }
}

/**
 * The turn-start state of the game for a mid-battle situation (no volatile effects: those a player
 * cannot set in the form). PP used on a slot makes that slot's PP counted from then on.
 *
 * @throws StateError naming the side and field of an impossible value.
 * @example startStateOf(game, [{ hp: 40 }, { hp: 12, status: 'par' }])
 */
export function startStateOf(
  game: Game,
  sides: readonly [SideState, SideState],
): { state: Mode; hp: [number, number] } {
  const state = initialState(game)
  const hp: [number, number] = [0, 0]
  for (const side of [0, 1] as const) {
    const input = sides[side]
    const gameSide = game.sides[side]
    const maxhp = gameSide.battlers[0]!.maxhp
    if (!Number.isInteger(input.hp) || input.hp < 1 || input.hp > maxhp) {
      throw new StateError(side, 'hp', `HP must be a whole number from 1 to ${maxhp}`)
    }
    hp[side] = input.hp
    const at = side * SIDE_SIZE
    const status = input.status ?? ''
    const code = (STATUS_IDS as readonly string[]).indexOf(status)
    if (code < 0)
      throw new StateError(side, 'status', `unknown status '${status}' (par, brn, psn, tox, slp, frz)`)
    state[at + F.status] = code
    if (code === SLP) {
      const turns = input.sleepTurns
      if (turns === undefined || !Number.isInteger(turns) || turns < 1 || turns > 3) {
        throw new StateError(side, 'sleep_turns', 'a sleeping Pokémon needs the turns it still sleeps (1–3)')
      }
      state[at + F.statusTime] = turns + 1
    } else if (input.sleepTurns !== undefined) {
      throw new StateError(side, 'sleep_turns', 'only a sleeping Pokémon has sleep turns')
    }
    if (status === 'tox') {
      const turns = input.toxicTurns ?? 0
      if (!Number.isInteger(turns) || turns < 0 || turns > 15) {
        throw new StateError(side, 'toxic_turns', 'Toxic turns go from 0 to 15')
      }
      state[at + F.statusTime] = turns
    } else if (input.toxicTurns !== undefined) {
      throw new StateError(side, 'toxic_turns', 'only a badly poisoned Pokémon has Toxic turns')
    }
    for (const [name, value] of Object.entries(input.boosts ?? {})) {
      const index = (BOOST_NAMES as readonly string[]).indexOf(name)
      if (index < 0) throw new StateError(side, `boosts.${name}`, `unknown stat '${name}'`)
      if (!Number.isInteger(value) || value < -6 || value > 6) {
        throw new StateError(side, `boosts.${name}`, 'stat stages go from -6 to 6')
      }
      state[at + BOOST_FIELDS[index]!] = value
    }
    const used = input.ppUsed ?? []
    if (used.length > gameSide.moves.length) {
      throw new StateError(side, 'pp_used', `${used.length} PP counts for ${gameSide.moves.length} moves`)
    }
    used.forEach((count, slot) => {
      const max = gameSide.maxPp[slot]!
      if (!Number.isInteger(count) || count < 0 || count > max) {
        throw new StateError(
          side,
          `pp_used.${slot}`,
          `PP used of ${gameSide.moves[slot]!.name} goes from 0 to ${max}`,
        )
      }
      if (count > 0 && !gameSide.tracked[slot]) {
        throw new StateError(side, `pp_used.${slot}`, 'internal: slot PP not counted (track it first)')
      }
      xset(state, side, X.pp + slot, count)
    })
  }
  return { state, hp }
}
