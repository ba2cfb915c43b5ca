import type { MoveMechanics, StatusKind } from './move-mechanics.ts'

/**
 * How often a side cannot act, turn by turn, because of what the foe's move does to it:
 * paralysis (25 % full paralysis), sleep (1–3 turns), freeze (20 % thaw a turn), flinch (only
 * when the foe moved first) and confusion (1–4 turns, a third of them spent hitting itself) —
 * each as the engine applies it, tracked as a small Markov chain over the victim's status whose
 * marginals the race estimate uses. Also the chance the victim is burned (halved physical damage).
 */
export interface Control {
  /** block[t]: P(the side loses its action at turn t), t = 1…T (index 0 unused). */
  readonly block: Float64Array
  /** burned[t]: P(the side is burned when it acts at turn t). */
  readonly burned: Float64Array
  /** statused[t]: P(the side is paralysed, poisoned or burned at turn t): Facade doubles then. */
  readonly statused: Float64Array
  /** selfHit[t]: P(the side hits itself in confusion at turn t). */
  readonly selfHit: Float64Array
}

/** What the inflicting side does at turn t: its move (with this hit chance), or nothing that inflicts. */
export interface InflictSchedule {
  readonly mech: MoveMechanics
  /** usesMove[t]: the inflicter uses its own move (not Struggle, not a charge turn) at turn t. */
  readonly usesMove: (t: number) => boolean
  /** Hit chance of its move at turn t (accuracy with stages). */
  readonly accuracy: (t: number) => number
  /** The inflicter acts before the victim (1, 0, or 0.5 on a speed tie). */
  readonly first: number
}

// chain states: healthy, paralysed, frozen, asleep with 0–3 blocked turns left, poisoned, burned
const H = 0
const PAR = 1
const FRZ = 2
const SLP0 = 3
const PSN = 7
const BRN = 8
const STATES = 9

/**
 * The victim's control marginals over `turns` turns.
 *
 * @example
 * foeControl({ mech: thunderWave, usesMove: () => true, accuracy: () => 0.9, first: 1 }, immune, 200).block[2]
 */
export function foeControl(
  inflicter: InflictSchedule,
  immune: ReadonlySet<StatusKind>,
  turns: number,
): Control {
  const block = new Float64Array(turns + 1)
  const burned = new Float64Array(turns + 1)
  const statused = new Float64Array(turns + 1)
  const selfHit = new Float64Array(turns + 1)
  const m = inflicter.mech
  const can = (kind: StatusKind) => (immune.has(kind) ? 0 : m.status[kind])
  const inflicts = can('par') + can('frz') + can('slp') + can('psn') + can('tox') + can('brn') > 0
  if (!inflicts && m.flinch === 0 && m.confusion === 0) return { block, burned, statused, selfHit }
  let s = new Float64Array(STATES)
  s[H] = 1
  // confusion: 0 = none, n = confused checks left (1–4: the engine's time 2–5, minus the last check)
  let c = new Float64Array(5)
  c[0] = 1
  let next = new Float64Array(STATES)
  let cNext = new Float64Array(5)
  const inflict = (t: number) => {
    if (!inflicter.usesMove(t)) return
    const hit = inflicter.accuracy(t)
    const healthy = s[H]!
    const to = (state: number, p: number) => {
      const moved = healthy * hit * p
      s[H]! -= moved
      s[state]! += moved
    }
    to(PAR, can('par'))
    to(FRZ, can('frz'))
    for (let k = 1; k <= 3; k++) to(SLP0 + k, can('slp') / 3)
    to(PSN, can('psn') + can('tox'))
    to(BRN, can('brn'))
    if (m.confusion > 0) {
      const calm = c[0]! * hit * m.confusion
      c[0]! -= calm
      for (let n = 2; n <= 5; n++) c[n - 1]! += calm / 4
    }
  }
  for (let t = 1; t <= turns; t++) {
    const first = inflicter.first >= 0.5
    if (first) inflict(t)
    // the victim's action
    let blocked = s[PAR]! * 0.25 + s[FRZ]! * 0.8
    for (let k = 1; k <= 3; k++) blocked += s[SLP0 + k]!
    burned[t] = s[BRN]!
    statused[t] = s[BRN]! + s[PAR]! + s[PSN]!
    next.set(s)
    next[FRZ] = s[FRZ]! * 0.8
    next[H]! += s[FRZ]! * 0.2 + s[SLP0]!
    next[SLP0] = s[SLP0 + 1]!
    for (let k = 1; k <= 3; k++) next[SLP0 + k] = k < 3 ? s[SLP0 + k + 1]! : 0
    ;[s, next] = [next, s]
    let confused = 0
    cNext.fill(0)
    cNext[0] = c[0]!
    for (let n = 1; n <= 4; n++) {
      confused += c[n]!
      cNext[n - 1]! += c[n]!
    }
    ;[c, cNext] = [cNext, c]
    const confHit = confused / 3
    const flinch = first && inflicter.usesMove(t) ? inflicter.accuracy(t) * m.flinch : 0
    selfHit[t] = confHit * (1 - blocked) * (1 - flinch)
    block[t] = 1 - (1 - blocked) * (1 - flinch) * (1 - confHit)
    if (!first) inflict(t)
  }
  return { block, burned, statused, selfHit }
}
