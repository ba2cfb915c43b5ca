import { hitChance } from '../solver/damage.ts'
import type { Dist } from '../solver/dist.ts'
import { type Control, foeControl } from './control.ts'
import type { UseDamage } from './exact-damage.ts'
import {
  type Phase,
  planPhases,
  protectSchedule,
  type RaceFighter,
  stageAfter,
  TURN_CAP,
  targetsFoe,
} from './race-plan.ts'

export type { RaceFighter } from './race-plan.ts'

/**
 * A cheap estimate of a fixed-move battle, for the features (the exact solver is 10³–10⁵ times
 * slower): each side's damage to the other is followed exactly — damage rolls, crits, multi-hit,
 * accuracy with stages, PP then Struggle, charge / recharge / hiding turns, Fake Out's one turn,
 * trapping, poison / Toxic / burn / Leech Seed chip, self-drops, healing, Rest, recoil, drain,
 * crash, confusion self-hits, Protect, screens, stat-stage schedules — but the two sides are
 * treated as independent (what one side's status does to the other's actions enters as per-turn
 * marginals). The model learns what this independence gets wrong.
 */
export interface RaceResult {
  readonly winA: number
  readonly winB: number
  /** Neither side fainted within the turn cap (or both at once). */
  readonly neither: number
  readonly expectedTurns: number
  /** P(B faints in turn 1) and P(A faints in turn 1). */
  readonly koTurn1A: number
  readonly koTurn1B: number
}

const EPS = 1e-10

/** A fighter in one race: what it does each turn, and the uses of its move in its first t turns. */
interface Racer extends RaceFighter {
  readonly phases: readonly Phase[]
  readonly usesBy: Int32Array
}

function racer(f: RaceFighter, phases: readonly Phase[], turns: number): Racer {
  const usesBy = new Int32Array(turns + 1)
  for (let t = 1; t <= turns; t++) usesBy[t] = usesBy[t - 1]! + (phases[t] === 'move' ? 1 : 0)
  return { ...f, phases, usesBy }
}

function uses(f: Racer, turns: number): number {
  return f.usesBy[Math.max(0, Math.min(turns, f.usesBy.length - 1))]!
}

function phaseAt(f: Racer, t: number): Phase {
  return f.phases[t] ?? 'struggle'
}

/**
 * @example
 * race(pikachuThunderbolt, squirtleTackle, 1).winA // ≈ 1
 */
export function race(fa: RaceFighter, fb: RaceFighter, aFirst: number, turns = TURN_CAP): RaceResult {
  // most battles are settled in a few turns: plan and follow a short horizon first, and the whole
  // turn cap only when some probability is still in play at its end (same answer, less work)
  if (turns > SHORT_HORIZON) {
    const short = raceWithin(fa, fb, aFirst, SHORT_HORIZON, turns)
    if (short.finished) return short.result
  }
  return raceWithin(fa, fb, aFirst, turns, turns).result
}

const SHORT_HORIZON = 40

function raceWithin(
  fa: RaceFighter,
  fb: RaceFighter,
  aFirst: number,
  turns: number,
  cap: number,
): { result: RaceResult; finished: boolean } {
  const first = aFirst >= 0.5
  const [phasesA, phasesB] = planPhases(fa.mech, fb.mech, first, turns)
  const a = racer(fa, phasesA, turns)
  const b = racer(fb, phasesB, turns)
  if (a.mech.selfDestruct || b.mech.selfDestruct)
    return { result: selfDestructs(a, b, aFirst), finished: true }
  const onA = foeControl(inflicter(b, a, !first), a.immune, turns)
  const onB = foeControl(inflicter(a, b, first), b.immune, turns)
  const reflectA = reflects(a, b)
  const reflectB = reflects(b, a)
  const da = process(a, b, first, onA, onB, turns, reflectB)
  const db = process(b, a, !first, onB, onA, turns, reflectA)
  // KO events by time key 3t + slot (0: first mover, 1: second mover, 2: end of turn)
  let koA = da.ko
  let koB = db.ko
  if (reflectA) koA = db.reflect
  if (reflectB) koB = da.reflect
  if (aFirst === 0.5) {
    // a speed tie is a coin flip each turn: both actions share one slot, a same-slot KO splits evenly
    koA = mergeActionSlots(koA)
    koB = mergeActionSlots(koB)
  }
  const joint = reflectA || reflectB
  let winA = 0
  let winB = 0
  let cumA = 0
  let cumB = 0
  let expected = 0
  let survive = 1
  for (let k = 3; k < koA.length; k++) {
    const pa = koA[k]!
    const pb = koB[k]!
    if (joint) {
      winA += pa
      winB += pb
    } else {
      winA += pa * (1 - cumB - 0.5 * pb)
      winB += pb * (1 - cumA - 0.5 * pa)
    }
    cumA += pa
    cumB += pb
    const next = joint ? 1 - cumA - cumB : (1 - cumA) * (1 - cumB)
    expected += Math.floor(k / 3) * (survive - next)
    survive = next
  }
  expected += cap * Math.max(0, survive)
  const turn1 = (ko: Float64Array) => ko[3]! + ko[4]! + ko[5]!
  return {
    result: {
      winA,
      winB,
      neither: Math.max(0, 1 - winA - winB),
      expectedTurns: expected,
      koTurn1A: turn1(koA),
      koTurn1B: turn1(koB),
    },
    finished: da.finished && db.finished,
  }
}

function mergeActionSlots(ko: Float64Array): Float64Array {
  const out = new Float64Array(ko)
  for (let k = 0; k + 1 < out.length; k += 3) {
    out[k]! += out[k + 1]!
    out[k + 1] = 0
  }
  return out
}

function selfDestructs(a: RaceFighter, b: RaceFighter, aFirst: number): RaceResult {
  // the user faints first, so it loses (both: the one that moves first)
  const both = a.mech.selfDestruct && b.mech.selfDestruct
  const winA = both ? 1 - aFirst : a.mech.selfDestruct ? 0 : 1
  return { winA, winB: 1 - winA, neither: 0, expectedTurns: 1, koTurn1A: 1 - winA, koTurn1B: winA }
}

/** Counter / Mirror Coat / Bide against a move of the kind they return. */
function reflects(x: RaceFighter, y: RaceFighter): boolean {
  const kind = x.mech.reflects
  if (!kind || !y.mech.damaging || y.mech.reflects) return false
  return kind === 'any' || (kind === 'physical') === y.mech.physical
}

function inflicter(x: Racer, y: Racer, xFirst: boolean) {
  return {
    mech: x.mech,
    usesMove: (t: number) => phaseAt(x, t) === 'move',
    accuracy: (t: number) => accuracyAt(x, y, xFirst, t),
    first: xFirst ? 1 : 0,
  }
}

/** Hit chance of x's move at turn t: accuracy with the stages the two moves have set by then. */
function accuracyAt(x: Racer, y: Racer, xFirst: boolean, t: number): number {
  if (x.mech.neverMisses) return 1
  if (x.mech.ohko) return x.mech.accuracy
  const yUses = uses(y, t - 1 + (xFirst ? 0 : 1))
  const xUses = uses(x, t - 1)
  if (x.mech.resetsStages || y.mech.resetsStages) return x.mech.accuracy
  const drop = x.mech.mist ? 0 : stageAfter(0, 0, y.mech.foeBoosts.accuracy, yUses, y.mech.accuracy)
  const evasion = stageAfter(
    y.mech.selfBoosts.evasion,
    yUses,
    x.mech.foeBoosts.evasion,
    xUses,
    x.mech.accuracy,
  )
  return hitChance(Math.round(x.mech.accuracy * 100), drop - evasion)
}

interface Process {
  /** Less than EPS of probability was still in play when the horizon ended. */
  finished: boolean
  ko: Float64Array
  /** Wins of the foe by returning damage (Counter & co.), when the foe reflects this side's hits. */
  reflect: Float64Array
}

type AuxKind = 'none' | 'psn' | 'brn' | 'tox' | 'seed' | 'trap' | 'drops' | 'recharge'

function auxOf(x: RaceFighter, y: RaceFighter): { kind: AuxKind; size: number; chance: number } {
  const m = x.mech
  if (m.recharge) return { kind: 'recharge', size: 2, chance: 1 }
  if (m.trapping) return { kind: 'trap', size: 6, chance: 1 }
  const atkStat = m.physical ? 'atk' : 'spa'
  if (m.damaging && m.selfBoosts[atkStat] < 0) return { kind: 'drops', size: 7, chance: 1 }
  for (const kind of ['tox', 'psn', 'brn'] as const) {
    if (m.status[kind] > 0 && !y.immune.has(kind))
      return { kind, size: kind === 'tox' ? 16 : 2, chance: m.status[kind] }
  }
  if (m.leechSeed && !y.unseedable) return { kind: 'seed', size: 2, chance: 1 }
  return { kind: 'none', size: 1, chance: 0 }
}

/**
 * The time at which x's side makes y faint (x's hits, y's own recoil / Struggle / crash /
 * confusion, and end-of-turn chip), following y's HP exactly given the schedules.
 */
function process(
  x: Racer,
  y: Racer,
  xFirst: boolean,
  onX: Control,
  onY: Control,
  turns: number,
  yReflects: boolean,
): Process {
  const hp = y.maxhp
  const width = hp + 1
  const aux = auxOf(x, y)
  // the target's own state: asleep after Rest (2 turns left…), or behind a Substitute
  const tKind = y.mech.rest ? 'rest' : y.mech.substitute ? 'sub' : 'none'
  const restAux = tKind === 'rest' ? 3 : tKind === 'sub' ? 2 : 1
  const subHp = Math.floor(hp / 4)
  const chipStatus = aux.kind === 'psn' || aux.kind === 'brn' || aux.kind === 'tox'
  /** No new status on a sleeping target; nothing through a Substitute but sound moves. */
  const shieldedFromStatus = (r: number) =>
    (tKind === 'rest' && r > 0 && chipStatus) || (tKind === 'sub' && r === 1 && !x.mech.bypassSub)
  const seedHeal = y.mech.leechSeed && !x.unseedable ? Math.max(1, Math.floor(x.maxhp / 8)) : 0
  let seeded = 0
  const cells = aux.size * restAux
  let cur = new Float64Array(cells * width)
  let nxt = new Float64Array(cells * width)
  cur[hp] = 1
  const ko = new Float64Array(3 * (turns + 1))
  const reflect = new Float64Array(3 * (turns + 1))
  const xSlot = xFirst ? 0 : 1
  const ySlot = 1 - xSlot
  const protect = protectSchedule(y.mech, y.phases, turns)
  const xTargets = targetsFoe(x.mech)
  // y's drain and recoil follow its hits; a Dream Eater on a foe that never sleeps, a Sucker Punch on
  // a foe that never attacks never hit
  const yHits = !(y.mech.needsSleepingFoe && !x.mech.rest) && !(y.mech.needsFoeAttack && !x.mech.damaging)
  const yMean = yHits ? meanOf(y.hit({ attackBoost: 0, defenseBoost: 0, screened: false, burned: false })) : 0
  const cache = new Map<string, UseDamage>()
  const idx = (a: number, r: number) => (a * restAux + r) * width
  let alive = 1

  const hitAt = (t: number, phase: Phase, drops: number): UseDamage => {
    const struggle = phase === 'struggle'
    const physical = struggle || x.mech.physical
    const [atk, def] = physical ? (['atk', 'def'] as const) : (['spa', 'spd'] as const)
    const yUses = uses(y, t - 1 + (xFirst ? 0 : 1))
    const xUses = uses(x, t - 1)
    const reset = x.mech.resetsStages || y.mech.resetsStages
    const ownBoost = x.mech.damaging ? 0 : x.mech.selfBoosts[atk]
    const attackBoost = reset
      ? 0
      : stageAfter(ownBoost, xUses, x.mech.mist ? 0 : y.mech.foeBoosts[atk], yUses, y.mech.accuracy) - drops
    const yOwn = y.mech.damaging ? 0 : y.mech.selfBoosts[def]
    const defenseBoost = reset
      ? 0
      : stageAfter(yOwn, yUses, y.mech.mist ? 0 : x.mech.foeBoosts[def], xUses, x.mech.accuracy)
    const screened = y.mech.screen === (physical ? 'physical' : 'special') && yUses >= 1
    const burned = onX.burned[t]! >= 0.5
    const key = `${struggle}|${attackBoost}|${defenseBoost}|${screened}|${burned}`
    let use = cache.get(key)
    if (!use) {
      const stages = { attackBoost: Math.max(-6, attackBoost), defenseBoost, screened, burned }
      use = struggle ? x.struggle(stages) : x.hit(stages)
      cache.set(key, use)
    }
    return use
  }

  for (let t = 1; t <= turns && alive > EPS; t++) {
    for (const slot of [0, 1] as const) {
      if (slot === xSlot) xAction(t)
      else yAction(t)
    }
    residual(t)
  }
  return { ko, reflect, finished: alive <= EPS }

  function swap() {
    const tmp = cur
    cur = nxt
    nxt = tmp
    nxt.fill(0)
  }

  function xAction(t: number) {
    const phase = phaseAt(x, t)
    const yPhase = phaseAt(y, t)
    const hiddenY =
      y.mech.semiInvulnerable && !x.reachesHidden && (yPhase === 'charge' || yPhase === 'move')
        ? (yPhase === 'charge') === !xFirst
          ? 1
          : 0
        : 0
    const shielded = xTargets ? 1 - (1 - protect[t]!) * (1 - hiddenY) : 0
    const act = (1 - onX.block[t]!) * (1 - shielded)
    if (phase === 'move' && !x.mech.damaging) {
      // a status move: only the chip-dealing statuses (poison, Toxic, burn, Leech Seed) enter here
      if (act <= 0 || !['psn', 'brn', 'tox', 'seed'].includes(aux.kind)) return
      const p = act * accuracyAt(x, y, xFirst, t) * aux.chance
      for (let r = 0; r < restAux; r++) {
        if (shieldedFromStatus(r)) continue
        const from = idx(0, r)
        const to = idx(1, r)
        for (let h = 1; h <= hp; h++) {
          const m = cur[from + h]!
          if (m === 0) continue
          cur[from + h] = m * (1 - p)
          cur[to + h]! += m * p
        }
      }
      return
    }
    const attacks =
      (phase === 'struggle' || (phase === 'move' && !(x.mech.needsFoeAttack && !y.mech.damaging))) && act > 0
    if (!attacks && aux.kind !== 'recharge') return
    const struggle = phase === 'struggle'
    const p = attacks ? act * (struggle ? 1 : accuracyAt(x, y, xFirst, t)) : 0
    nxt.fill(0)
    let fainted = 0
    for (let a = 0; a < aux.size; a++) {
      const recharging = aux.kind === 'recharge' && a === 1
      const to: [number, number, number, number] = struggle ? [a, 1, 0, 0] : nextAux(a)
      const use: UseDamage =
        attacks && !recharging ? hitAt(t, phase, aux.kind === 'drops' ? a : 0) : { kind: 'none' }
      for (let r = 0; r < restAux; r++) {
        const from = idx(a, r)
        const hittable = use.kind !== 'none' && !(x.mech.needsSleepingFoe && (tKind !== 'rest' || r === 0))
        const behindSub = tKind === 'sub' && r === 1
        const toHere: [number, number, number, number] =
          shieldedFromStatus(r) || (behindSub && aux.kind === 'trap') ? [a, 1, 0, 0] : to
        const breaks = behindSub && hittable ? breakChance(use) : 0
        for (let h = 1; h <= hp; h++) {
          const m = cur[from + h]!
          if (m === 0) continue
          if (recharging) {
            nxt[idx(0, r) + h]! += m
            continue
          }
          if (!hittable) {
            nxt[from + h]! += m
            continue
          }
          const hitMass = m * p
          nxt[from + h]! += m - hitMass
          if (hitMass === 0) continue
          if (behindSub) {
            // the doll takes the hit: the target's HP is spared; the doll breaks or holds
            const a2 = aux.kind === 'drops' || aux.kind === 'recharge' ? toHere[0] : a
            nxt[idx(a2, 0) + h]! += hitMass * breaks
            nxt[idx(a2, 1) + h]! += hitMass * (1 - breaks)
          } else fainted += spreadHit(use, h, hitMass, toHere, r)
        }
      }
    }
    ko[3 * t + xSlot]! += fainted
    alive -= fainted
    swap()
  }

  /** Where a hit sends the aux state (status may land, a trap starts, a self-drop counts…): [a1, p1, a2, p2]. */
  function nextAux(a: number): [number, number, number, number] {
    switch (aux.kind) {
      case 'recharge':
        return [1, 1, 0, 0]
      case 'drops':
        return [Math.min(6, a + 1), 1, 0, 0]
      case 'trap':
        return a > 0 ? [a, 1, 0, 0] : [4, 0.5, 5, 0.5]
      case 'none':
        return [a, 1, 0, 0]
      default:
        return a > 0 ? [a, 1, 0, 0] : [1, aux.chance, 0, 1 - aux.chance]
    }
  }

  /**
   * P(one hit breaks the Substitute), memoryless: a hit at or above the doll's HP breaks it, a
   * smaller one breaks it with chance damage / doll HP, so the expected hits to break it are right.
   */
  function breakChance(use: UseDamage): number {
    if (use.kind !== 'dist') return 1
    let p = 0
    for (let i = 0; i < use.dist.probs.length; i++) {
      const d = use.dist.min + i
      p += use.dist.probs[i]! * Math.min(1, d / Math.max(1, subHp))
    }
    return p
  }

  /** Spreads the mass of one cell hit by `use`; returns the mass that fainted. */
  function spreadHit(
    use: UseDamage,
    h: number,
    mass: number,
    to: [number, number, number, number],
    r: number,
  ): number {
    const off1 = idx(to[0], r)
    const p1 = to[1]
    const off2 = idx(to[2], r)
    const p2 = to[3]
    if (use.kind === 'ohko') return mass
    if (use.kind === 'halve') {
      const h2 = h - Math.max(1, Math.floor(h / 2))
      if (h2 <= 0) return mass
      nxt[off1 + h2]! += mass * p1
      if (p2 > 0) nxt[off2 + h2]! += mass * p2
      return 0
    }
    if (use.kind !== 'dist') return 0
    const { min, probs } = use.dist
    let fainted = 0
    for (let i = 0; i < probs.length; i++) {
      const q = probs[i]!
      if (q === 0) continue
      const h2 = h - min - i
      const pm = mass * q
      if (h2 <= 0) fainted += pm
      else {
        nxt[off1 + h2]! += pm * p1
        if (p2 > 0) nxt[off2 + h2]! += pm * p2
      }
    }
    return fainted
  }

  function yAction(t: number) {
    const phase = phaseAt(y, t)
    const act = 1 - onY.block[t]!
    const key = 3 * t + ySlot
    nxt.fill(0)
    let changed = false
    const events: { p: number; delta: (h: number) => number }[] = []
    if (phase === 'move' && y.mech.heal > 0 && !y.mech.rest) {
      const amount = Math.floor(hp * y.mech.heal)
      events.push({ p: act, delta: (h) => Math.min(hp, h + amount) })
    }
    if (phase === 'move' && y.mech.damaging && yMean > 0) {
      const yHit = act * y.mech.accuracy
      if (y.mech.drain > 0)
        events.push({ p: yHit, delta: (h) => Math.min(hp, h + Math.floor(yMean * y.mech.drain)) })
      if (y.mech.recoil > 0)
        events.push({ p: yHit, delta: (h) => h - Math.max(1, Math.round(yMean * y.mech.recoil)) })
      if (y.mech.crash) events.push({ p: act * (1 - y.mech.accuracy), delta: (h) => h - Math.floor(hp / 2) })
    }
    if (phase === 'struggle') events.push({ p: act, delta: (h) => h - Math.max(1, Math.round(hp / 4)) })
    const selfHit = onY.selfHit[t]!
    const restNow = tKind === 'rest' && phase === 'move'
    const subNow = tKind === 'sub' && phase === 'move'
    if (events.length === 0 && selfHit === 0 && !restNow && !subNow && !yReflects) return
    for (let a = 0; a < aux.size; a++) {
      for (let r = 0; r < restAux; r++) {
        const from = idx(a, r)
        for (let h = 1; h <= hp; h++) {
          const m = cur[from + h]!
          if (m === 0) continue
          changed = true
          if (restNow) {
            // Rest: full HP, the status cured, asleep for two turns (it fails at full HP)
            if (r > 0) nxt[idx(a, r - 1) + h]! += m
            else if (h < hp) {
              nxt[idx(chipStatus ? 0 : a, 2) + hp]! += m * act
              nxt[from + h]! += m * (1 - act)
            } else nxt[from + h]! += m
            continue
          }
          if (subNow) {
            // Substitute: a quarter of max HP into a doll, while more than a quarter is left
            if (r === 0 && h > subHp) {
              nxt[idx(a, 1) + h - subHp]! += m * act
              nxt[from + h]! += m * (1 - act)
            } else nxt[from + h]! += m
            continue
          }
          let rest = m
          for (const e of events) {
            const moved = m * e.p
            rest -= moved
            const h2 = e.delta(h)
            if (h2 <= 0) {
              ko[key]! += moved
              alive -= moved
            } else nxt[from + h2]! += moved
          }
          if (selfHit > 0) {
            const moved = m * selfHit
            rest -= moved
            spreadSelf(y.confusionDist, from, h, moved, key)
          }
          nxt[from + h]! += rest
        }
      }
    }
    if (changed) swap()
    if (yReflects) reflectCheck(t)
  }

  function spreadSelf(dist: Dist, from: number, h: number, mass: number, key: number) {
    for (let i = 0; i < dist.probs.length; i++) {
      const q = dist.probs[i]! * mass
      if (q === 0) continue
      const h2 = h - (dist.min + i)
      if (h2 <= 0) {
        ko[key]! += q
        alive -= q
      } else nxt[from + h2]! += q
    }
  }

  /** y returns twice the damage it took (Bide: every third turn): enough to KO x? */
  function reflectCheck(t: number) {
    if (y.mech.reflects === 'any' && t % 3 !== 0) return
    const need = Math.ceil(x.maxhp / 2)
    const threshold = hp - need
    for (let c = 0; c < cells; c++) {
      const from = c * width
      for (let h = 1; h <= Math.min(hp, threshold); h++) {
        const m = cur[from + h]!
        if (m === 0) continue
        reflect[3 * t + 1]! += m
        alive -= m
        cur[from + h] = 0
      }
    }
  }

  function residual(t: number) {
    if (seedHeal > 0 && phaseAt(y, t) === 'move') {
      seeded = 1 - (1 - seeded) * (1 - (1 - onY.block[t]!) * y.mech.accuracy)
    }
    const chips = !(aux.kind === 'none' || aux.kind === 'drops' || aux.kind === 'recharge')
    if (!chips && seeded === 0) return
    nxt.fill(0)
    const key = 3 * t + 2
    // Leech Seed on x heals y (marginal chance x is seeded by now)
    const heal = seedHeal > 0 ? seeded : 0
    for (let a = 0; a < aux.size; a++) {
      const chip =
        !chips || a === 0
          ? 0
          : aux.kind === 'tox'
            ? Math.max(1, Math.floor(hp / 16)) * a
            : aux.kind === 'brn'
              ? Math.max(1, Math.floor(hp / 16))
              : Math.max(1, Math.floor(hp / 8))
      const a2 = !chips
        ? a
        : aux.kind === 'tox' && a > 0
          ? Math.min(15, a + 1)
          : aux.kind === 'trap' && a > 0
            ? a - 1
            : a
      for (let r = 0; r < restAux; r++) {
        const from = idx(a, r)
        const to = idx(a2, r)
        for (let h = 1; h <= hp; h++) {
          const m = cur[from + h]!
          if (m === 0) continue
          const h2 = h - chip
          if (h2 <= 0) {
            ko[key]! += m
            alive -= m
            continue
          }
          if (heal > 0) {
            nxt[to + Math.min(hp, h2 + seedHeal)]! += m * heal
            nxt[to + h2]! += m * (1 - heal)
          } else nxt[to + h2]! += m
        }
      }
    }
    swap()
  }
}

function meanOf(use: UseDamage): number {
  if (use.kind !== 'dist') return 0
  let mean = 0
  for (let i = 0; i < use.dist.probs.length; i++) mean += (use.dist.min + i) * use.dist.probs[i]!
  return mean
}
