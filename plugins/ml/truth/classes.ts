import type { MoveMechanics } from '../features/move-mechanics.ts'

/**
 * Mechanic classes for the truth report's error table: what a move does that could trip the
 * model. A move can be in several classes (Thunder: secondary status; Hyper Beam: recharge); a
 * pair is in the classes of both its moves, plus the pair classes below.
 */
export const MOVE_CLASSES = [
  'plain damage',
  'multi-hit',
  'high crit / always crit',
  'priority',
  'charge turn (Solar Beam…)',
  'semi-invulnerable (Dig, Fly)',
  'recharge (Hyper Beam)',
  'rampage (Thrash…)',
  'trapping (Wrap…)',
  'Counter / Mirror Coat / Bide',
  'fixed damage',
  'Super Fang',
  'OHKO',
  'self-destruct',
  'recoil',
  'drain',
  'crash (Jump Kick)',
  'first turn only (Fake Out)',
  'Sucker Punch',
  'Dream Eater',
  'flinch chance',
  'secondary status',
  'secondary stat change',
  'self-drop (Superpower)',
  'weight-based power (Low Kick)',
  'status move: major status',
  'status move: confusion',
  'status move: own stats',
  'status move: foe stats',
  'healing (Recover…)',
  'Rest',
  'Protect',
  'Substitute',
  'Leech Seed',
  'screens',
  'Haze / Mist',
  'Disable / Taunt / Yawn',
  'Focus Energy',
  'no effect in a 1v1',
] as const

export const PAIR_CLASSES = ['one side deals no damage', 'lasts past a side’s PP (Struggle)'] as const
export type MechanicClass = (typeof MOVE_CLASSES)[number] | (typeof PAIR_CLASSES)[number]

const any = (record: Readonly<Record<string, number>>) => Object.values(record).some((v) => v !== 0)

/**
 * @example
 * moveClasses(moveMechanics(dex.moves.get('thunder'))) // ['secondary status']
 */
export function moveClasses(m: MoveMechanics): MechanicClass[] {
  const out: MechanicClass[] = []
  const add = (test: boolean, name: MechanicClass) => {
    if (test) out.push(name)
  }
  const statusMove = !m.damaging && m.reflects === null
  add(m.meanHits > 1, 'multi-hit')
  add(m.damaging && m.critStage > 1, 'high crit / always crit')
  add(m.priority > 0, 'priority')
  add(m.charge, 'charge turn (Solar Beam…)')
  add(m.semiInvulnerable, 'semi-invulnerable (Dig, Fly)')
  add(m.recharge, 'recharge (Hyper Beam)')
  add(m.rampage, 'rampage (Thrash…)')
  add(m.trapping, 'trapping (Wrap…)')
  add(m.reflects !== null, 'Counter / Mirror Coat / Bide')
  add(m.fixedDamage !== null, 'fixed damage')
  add(m.halves, 'Super Fang')
  add(m.ohko, 'OHKO')
  add(m.selfDestruct, 'self-destruct')
  add(m.recoil > 0, 'recoil')
  add(m.drain > 0, 'drain')
  add(m.crash, 'crash (Jump Kick)')
  add(m.firstTurnOnly, 'first turn only (Fake Out)')
  add(m.needsFoeAttack, 'Sucker Punch')
  add(m.needsSleepingFoe, 'Dream Eater')
  add(m.damaging && m.flinch > 0, 'flinch chance')
  add(m.damaging && (any(m.status) || m.confusion > 0), 'secondary status')
  add(m.damaging && any(m.foeBoosts), 'secondary stat change')
  add(m.damaging && Object.values(m.selfBoosts).some((v) => v < 0), 'self-drop (Superpower)')
  add(m.weightBased, 'weight-based power (Low Kick)')
  add(statusMove && any(m.status), 'status move: major status')
  add(statusMove && m.confusion > 0, 'status move: confusion')
  add(statusMove && any(m.selfBoosts), 'status move: own stats')
  add(statusMove && any(m.foeBoosts), 'status move: foe stats')
  add(m.heal > 0 && !m.rest, 'healing (Recover…)')
  add(m.rest, 'Rest')
  add(m.protect, 'Protect')
  add(m.substitute, 'Substitute')
  add(m.leechSeed, 'Leech Seed')
  add(m.screen !== null, 'screens')
  add(m.resetsStages || m.mist, 'Haze / Mist')
  add(m.disable || m.taunt || m.yawn, 'Disable / Taunt / Yawn')
  add(m.focusEnergy, 'Focus Energy')
  add(m.noEffect, 'no effect in a 1v1')
  if (out.length === 0 && m.damaging) out.push('plain damage')
  return out
}
