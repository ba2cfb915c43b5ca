import type { ModdedDex, Move } from '@pkmn/sim'
import { UNMODELLED_MOVES } from './use-move.ts'

/** How a move is answered: computed exactly, or by the engine (never a guess). */
export type CoverageStatus = 'exact' | 'sampled' | 'refused'

export interface MoveCoverage {
  readonly id: string
  readonly name: string
  readonly category: string
  readonly status: CoverageStatus
  /** The mechanics the solver models for this move, e.g. "multi-hit 2–5; 30 % flinch". */
  readonly mechanics: string
  /** Why a move is sampled or refused, or which pairs with it fall back to the engine. */
  readonly note: string
}

/** Pairs that reach these combinations are answered by the engine (the solve says so). */
const PAIR_FALLBACKS: Record<string, string> = {
  superfang: 'against a Substitute (damage to the doll depends on the HP behind it): sampled',
  fissure: 'against Counter, Mirror Coat or a biding foe: sampled',
  guillotine: 'against Counter, Mirror Coat or a biding foe: sampled',
  horndrill: 'against Counter, Mirror Coat or a biding foe: sampled',
}

/**
 * The solver's coverage of one move, with the mechanics it models (generated into
 * docs/solver-coverage.md).
 *
 * @example
 * coverageOf(dex.moves.get('thunder')).mechanics // "70 % accuracy; 30 % paralysis"
 */
export function coverageOf(move: Move): MoveCoverage {
  const base = { id: move.id, name: move.name, category: move.category }
  if (move.isNonstandard) {
    return {
      ...base,
      status: 'refused',
      mechanics: 'power from friendship',
      note: 'the engine flags it non-standard and would use a made-up power (28 BP); refused everywhere',
    }
  }
  if (UNMODELLED_MOVES.has(move.id)) {
    return {
      ...base,
      status: 'sampled',
      mechanics: unmodelledReason(move.id),
      note: 'answered by ≥ 500 engine battles',
    }
  }
  return { ...base, status: 'exact', mechanics: mechanicsOf(move), note: PAIR_FALLBACKS[move.id] ?? '' }
}

function unmodelledReason(id: string): string {
  switch (id) {
    case 'metronome':
      return 'calls one of ~150 random moves'
    case 'transform':
      return 'copies the foe (stats, types, moves with 5 PP)'
    case 'mimic':
      return 'replaces itself with the foe’s last move'
    default:
      return 'uses the foe’s last move'
  }
}

/** A short, readable list of what decides the move's outcome in a 1v1. */
export function mechanicsOf(move: Move): string {
  const parts: string[] = []
  const accuracy =
    move.accuracy === true ? 'never misses' : move.accuracy < 100 ? `${move.accuracy} % accuracy` : ''
  if (move.category !== 'Status') {
    if (move.ohko) parts.push('OHKO (30 % + level gap)')
    else if (move.damage === 'level') parts.push('damage = level')
    else if (typeof move.damage === 'number') parts.push(`fixed ${move.damage} damage`)
    else if (move.id === 'superfang') parts.push('halves HP left')
    else if (move.id === 'psywave') parts.push('50–150 % of level')
    else if (move.id === 'lowkick') parts.push('power by weight')
    else if (['counter', 'mirrorcoat'].includes(move.id))
      parts.push(`returns 2× ${move.id === 'counter' ? 'physical' : 'special'} damage taken`)
    else if (move.id === 'bide') parts.push('stores 2 turns, returns 2×')
    else parts.push(`${move.basePower} BP`)
    if (move.multihit)
      parts.push(
        Array.isArray(move.multihit)
          ? `${move.multihit[0]}–${move.multihit[1]} hits`
          : `${move.multihit} hits`,
      )
    if (move.willCrit) parts.push('always crits')
    else if ((move.critRatio ?? 1) > 1) parts.push('high crit')
  }
  if (accuracy && !move.ohko) parts.push(accuracy)
  if (move.priority !== 0) parts.push(`priority ${move.priority > 0 ? '+' : ''}${move.priority}`)
  for (const secondary of move.secondaries ?? []) {
    const chance = `${secondary.chance ?? 100} %`
    if (secondary.status) parts.push(`${chance} ${secondary.status}`)
    else if (secondary.volatileStatus) parts.push(`${chance} ${secondary.volatileStatus}`)
    else if (secondary.boosts) parts.push(`${chance} foe ${boostText(secondary.boosts)}`)
    else parts.push(`${chance} burn / paralysis / freeze`)
  }
  parts.push(...special(move))
  return parts.join('; ')
}

function boostText(boosts: Partial<Record<string, number>>): string {
  return Object.entries(boosts)
    .map(([stat, n]) => `${stat} ${n! > 0 ? '+' : ''}${n}`)
    .join(', ')
}

function special(move: Move): string[] {
  const out: string[] = []
  const self = move.self as
    | { boosts?: Record<string, number>; volatileStatus?: string; sideCondition?: string }
    | undefined
  if (self?.boosts) out.push(`self ${boostText(self.boosts)}`)
  if (self?.volatileStatus === 'mustrecharge') out.push('recharge turn')
  if (self?.volatileStatus === 'lockedmove') out.push('2–3 turn rampage, then confusion')
  if (self?.sideCondition) out.push(`sets ${self.sideCondition}`)
  if (move.flags.charge)
    out.push(move.id === 'dig' || move.id === 'fly' ? 'charge turn, semi-invulnerable' : 'charge turn')
  if (move.recoil) out.push(`recoil ${move.recoil[0]}/${move.recoil[1]}`)
  if (move.drain) out.push('drains 1/2')
  if (move.hasCrashDamage) out.push('crash 1/2 HP on a miss')
  if (move.selfdestruct) out.push('user faints')
  if (move.volatileStatus === 'partiallytrapped') out.push('traps 4–5 turns, 1/8 HP a turn')
  if (move.struggleRecoil) out.push('recoil 1/4 max HP')
  if (move.status) out.push(`inflicts ${move.status}`)
  if (move.volatileStatus && move.volatileStatus !== 'partiallytrapped') out.push(move.volatileStatus)
  if (move.category === 'Status' && move.boosts)
    out.push(`${move.target === 'self' ? 'self' : 'foe'} ${boostText(move.boosts)}`)
  if (move.heal) out.push('heals 1/2')
  if (move.sideCondition) out.push(`sets ${move.sideCondition}`)
  const named: Record<string, string> = {
    fakeout: 'first turn only',
    suckerpunch: 'fails unless the foe attacks',
    dreameater: 'sleeping foe only',
    facade: '×2 with a status',
    brickbreak: 'breaks screens',
    feint: 'breaks Protect',
    rest: 'full heal, sleeps 2 turns',
    protect: 'success 1/3ⁿ when repeated',
    substitute: 'doll with 1/4 max HP',
    haze: 'resets all stages',
    freezyfrost: 'resets all stages',
    clearsmog: 'resets foe stages',
    sappyseed: 'leech seed',
    sparklyswirl: 'cures own status',
    rage: 'Attack +1 when hit',
    conversion: 'changes own type',
    roar: 'no effect in a 1v1',
    whirlwind: 'no effect in a 1v1',
    teleport: 'fails in a 1v1',
    stealthrock: 'no effect in a 1v1',
    splash: 'no effect',
    celebrate: 'no effect',
    helpinghand: 'fails in a 1v1',
    encore: 'no effect with one move each',
    uturn: 'no switch in a 1v1',
    dragontail: 'no switch in a 1v1',
  }
  if (named[move.id]) out.push(named[move.id]!)
  return out
}

/** Coverage of every LGPE move (226), sorted by name. */
export function coverageTable(dex: ModdedDex, moveIds: readonly string[]): MoveCoverage[] {
  return moveIds.map((id) => coverageOf(dex.moves.get(id))).sort((x, y) => x.name.localeCompare(y.name))
}

/**
 * docs/solver-coverage.md: every LGPE move with how the solver answers it. Generated by
 * `bun scripts/solver-coverage.ts`; a test fails when the committed page is stale.
 */
export function renderCoverage(table: readonly MoveCoverage[]): string {
  const count = (status: MoveCoverage['status']) => table.filter((m) => m.status === status).length
  const lines = [
    '# What the exact solver covers',
    '',
    '<!-- generated by `bun scripts/solver-coverage.ts` from plugins/ml/solver/coverage.ts; do not edit -->',
    '',
    `${table.length} Let's Go moves: **${count('exact')} exact**, ${count('sampled')} sampled (answered by`,
    `≥ 500 engine battles, and the answer says so), ${count('refused')} refused everywhere (the engine itself`,
    'gives them a made-up power). No move is approximated: where the solver does not model a',
    'mechanic, the pair goes to the engine. "Exact" means every outcome of every turn is enumerated',
    'with its probability under the engine’s rules (see docs/solver.md); the answer carries the',
    'probability it left unresolved (≤ 1e-9 by default).',
    '',
    'A few exact moves send *some pairs* to the engine (column "note"): those combinations need a',
    'state the solver does not keep.',
    '',
    '| move | id | category | status | what the solver models | note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...table.map(
      (m) =>
        `| ${m.name} | \`${m.id}\` | ${m.category} | ${m.status} | ${m.mechanics || '—'} | ${m.note || ''} |`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
