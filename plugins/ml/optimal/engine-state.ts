import type { ModdedDex, Pokemon } from '@pkmn/sim'
import type { Side } from '../solver/kernel.ts'
import { BOOST_FIELDS, BOOST_NAMES, F, type Mode, SIDE_SIZE, SLP, STATUS_IDS, TOX } from '../solver/mode.ts'
import { type Game, STRUGGLE } from './setup.ts'
import { initialState, isLocked, X, xset } from './state.ts'

interface EffectState {
  duration?: number
  time?: number
  trueDuration?: number
  counter?: number
  hp?: number
  totalDamage?: number
  lastDamageSource?: Pokemon
  move?: string
}

/**
 * The game's turn-start state for a live engine battle (`self` as side A, `foe` as side B), read
 * from what the engine keeps: HP, status and its counter, stat stages, volatiles with their
 * durations (confusion, rampage, charge turn, recharge, Bide, Wrap, Substitute, Protect's counter,
 * Leech Seed, Focus Energy, Minimize, Disable, Taunt, Yawn, Rage), screens and Mist, the action
 * counter, Conversion's type, the last move and PP where the game keeps them. Each field uses the
 * solver's encoding, which follows the engine's own counters.
 *
 * @example const { state, hp } = stateFromEngine(dex, game, pokemon, opponent)
 */
export function stateFromEngine(
  dex: ModdedDex,
  game: Game,
  self: Pokemon,
  foe: Pokemon,
): { state: Mode; hp: [number, number] } {
  const state = initialState(game)
  const sides = [self, foe] as const
  for (const side of [0, 1] as const) readSide(dex, game, state, side, sides[side])
  return { state, hp: [self.hp, foe.hp] }
}

function readSide(dex: ModdedDex, game: Game, state: Mode, side: Side, pokemon: Pokemon): void {
  const at = side * SIDE_SIZE
  const put = (field: number, value: number) => {
    state[at + field] = value
  }
  const volatile = (id: string) => pokemon.volatiles[id] as EffectState | undefined
  const status = (STATUS_IDS as readonly string[]).indexOf(pokemon.status as string)
  put(F.status, Math.max(0, status))
  const statusState = pokemon.statusState as EffectState & { stage?: number }
  if (status === SLP) put(F.statusTime, statusState.time ?? 0)
  if (status === TOX) put(F.statusTime, statusState.stage ?? 0)
  BOOST_NAMES.forEach((name, i) => {
    put(BOOST_FIELDS[i]!, pokemon.boosts[name] ?? 0)
  })
  put(F.confusion, volatile('confusion')?.time ?? 0)
  put(F.lockDuration, volatile('lockedmove')?.duration ?? 0)
  put(F.lockTrue, volatile('lockedmove')?.trueDuration ?? 0)
  put(F.charging, volatile('twoturnmove')?.duration ?? 0)
  put(F.invulnerable, volatile('dig') || volatile('fly') ? 1 : 0)
  put(F.recharge, volatile('mustrecharge')?.duration ?? 0)
  const bide = volatile('bide')
  put(F.bide, bide?.duration ?? 0)
  put(F.bideDamage, bide?.totalDamage ?? 0)
  put(F.bideFromSelf, bide?.lastDamageSource === pokemon ? 1 : 0)
  put(F.trapped, volatile('partiallytrapped')?.duration ?? 0)
  put(F.sub, volatile('substitute')?.hp ?? 0)
  put(F.stall, volatile('stall')?.counter ?? 0)
  put(F.stallDuration, volatile('stall')?.duration ?? 0)
  put(F.seeded, volatile('leechseed') ? 1 : 0)
  put(F.focusEnergy, volatile('focusenergy') ? 1 : 0)
  put(F.minimize, volatile('minimize') ? 1 : 0)
  put(F.taunt, volatile('taunt')?.duration ?? 0)
  put(F.yawn, volatile('yawn')?.duration ?? 0)
  put(F.rage, volatile('rage') ? 1 : 0)
  const conditions = pokemon.side.sideConditions as Record<string, EffectState | undefined>
  put(F.reflect, conditions.reflect?.duration ?? 0)
  put(F.lightScreen, conditions.lightscreen?.duration ?? 0)
  put(F.mist, conditions.mist?.duration ?? 0)
  const gameSide = game.sides[side]
  put(F.actions, gameSide.fakeOut ? Math.min(2, pokemon.activeMoveActions) : 2)
  const types = pokemon.getTypes()
  const ownTypes = gameSide.battlers[0]!.types
  if (types.length !== ownTypes.length || types.some((type, i) => type !== ownTypes[i])) {
    put(F.typeChange, dex.types.all().findIndex((type) => type.name === types[0]) + 1)
  }
  const slotOf = (id: string | undefined) => {
    if (!id) return 0
    if (id === 'struggle') return STRUGGLE
    return gameSide.moves.findIndex((move) => move.id === id) + 1
  }
  const disable = volatile('disable')
  if (disable) {
    xset(state, side, X.dis, slotOf(disable.move))
    xset(state, side, X.disTurns, disable.duration ?? 0)
  }
  if (gameSide.keepLast || isLocked(state, side)) xset(state, side, X.last, slotOf(pokemon.lastMove?.id))
  gameSide.moves.forEach((_, slot) => {
    if (gameSide.tracked[slot])
      xset(state, side, X.pp + slot, gameSide.maxPp[slot]! - pokemon.moveSlots[slot]!.pp)
  })
}
