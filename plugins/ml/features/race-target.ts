import type { Dist } from '../solver/dist.ts'
import type { Duel } from './race-duel.ts'
import { faint, type HpChain, swap } from './race-hp-chain.ts'
import { stageAfter } from './race-plan.ts'
import { phaseAt, uses } from './race-timing.ts'

/** A change of y's HP that happens with chance p when y acts. */
interface HpEvent {
  p: number
  delta: (h: number) => number
}

/**
 * y's own action at turn t on its HP distribution: what its move does to itself — healing, drain,
 * recoil, a crash on a miss, Struggle's recoil, Rest, a Substitute — and confusion self-hits, all
 * weighted by what keeps y from acting. Then, when y returns damage (Counter & co.), the mass whose
 * lost HP is enough to KO x leaves as a win of y.
 */
export function targetAction(d: Duel, t: number): void {
  const { y, onY, chain, aux } = d
  const { cur, nxt, idx, hp } = chain
  const phase = phaseAt(y, t)
  const act = 1 - onY.block[t]!
  const key = 3 * t + d.ySlot
  nxt.fill(0)
  let changed = false
  const events = selfEvents(d, phase, act, d.yShielded[t]!)
  const selfHit = onY.selfHit[t]!
  const selfHitDist = selfHit > 0 ? confusionAt(d, t) : undefined
  const restNow = d.target === 'rest' && phase === 'move'
  const subNow = d.target === 'sub' && phase === 'move'
  if (events.length === 0 && selfHit === 0 && !restNow && !subNow && !d.yReflects) return
  for (let a = 0; a < aux.size; a++) {
    for (let r = 0; r < d.restAux; r++) {
      const from = idx(a, r)
      for (let h = 1; h <= hp; h++) {
        const m = cur[from + h]!
        if (m === 0) continue
        changed = true
        if (restNow) {
          // Rest: full HP, the status cured, asleep for two turns (it fails at full HP)
          if (r > 0) nxt[idx(a, r - 1) + h]! += m
          else if (h < hp) {
            nxt[idx(d.chipStatus ? 0 : a, 2) + hp]! += m * act
            nxt[from + h]! += m * (1 - act)
          } else nxt[from + h]! += m
          continue
        }
        if (subNow) {
          // Substitute: a quarter of max HP into a doll, while more than a quarter is left
          if (r === 0 && h > d.subHp) {
            nxt[idx(a, 1) + h - d.subHp]! += m * act
            nxt[from + h]! += m * (1 - act)
          } else nxt[from + h]! += m
          continue
        }
        let rest = m
        for (const e of events) {
          const moved = m * e.p
          rest -= moved
          const h2 = e.delta(h)
          if (h2 <= 0) faint(chain, key, moved)
          else nxt[from + h2]! += moved
        }
        if (selfHit > 0) {
          const moved = m * selfHit
          rest -= moved
          spreadSelf(chain, selfHitDist!, from, h, moved, key)
        }
        nxt[from + h]! += rest
      }
    }
  }
  if (changed) swap(chain)
  if (d.yReflects) reflectCheck(d, t)
}

/** What y's move does to y's own HP when it acts (Rest and Substitute are cell moves, not here). */
function selfEvents(d: Duel, phase: ReturnType<typeof phaseAt>, act: number, shielded: number): HpEvent[] {
  const { y, yMean } = d
  const hp = d.chain.hp
  const events: HpEvent[] = []
  if (phase === 'move' && y.mech.heal > 0 && !y.mech.rest) {
    const amount = Math.floor(hp * y.mech.heal)
    events.push({ p: act, delta: (h) => Math.min(hp, h + amount) })
  }
  if (phase === 'move' && y.mech.damaging && yMean > 0) {
    const yHit = act * (1 - shielded) * y.mech.accuracy
    if (y.mech.drain > 0)
      events.push({ p: yHit, delta: (h) => Math.min(hp, h + Math.floor(yMean * y.mech.drain)) })
    if (y.mech.recoil > 0)
      events.push({ p: yHit, delta: (h) => h - Math.max(1, Math.round(yMean * y.mech.recoil)) })
    if (y.mech.crash)
      events.push({ p: act * (1 - (1 - shielded) * y.mech.accuracy), delta: (h) => h - Math.floor(hp / 2) })
  }
  if (phase === 'struggle')
    events.push({ p: act * (1 - shielded), delta: (h) => h - Math.max(1, Math.round(hp / 4)) })
  return events
}

/** y's confusion self-hit at t: its own Attack and Defence stages by then (its move's and x's). */
function confusionAt(d: Duel, t: number): Dist {
  const { x, y } = d
  const yUses = uses(y, t - 1)
  const xUses = uses(x, t - 1 + (d.xSlot === 0 ? 1 : 0))
  if (x.mech.resetsStages || y.mech.resetsStages) return y.confusion(0, 0)
  const stage = (stat: 'atk' | 'def') =>
    Math.max(
      -6,
      Math.min(6, stageAfter(y.mech.selfBoosts[stat], yUses, x.mech.foeBoosts[stat], xUses, x.mech.accuracy)),
    )
  return y.confusion(stage('atk'), stage('def'))
}

/** A confusion self-hit of `mass` at HP h: spread over its damage roll. */
function spreadSelf(chain: HpChain, dist: Dist, from: number, h: number, mass: number, key: number) {
  for (let i = 0; i < dist.probs.length; i++) {
    const q = dist.probs[i]! * mass
    if (q === 0) continue
    const h2 = h - (dist.min + i)
    if (h2 <= 0) faint(chain, key, q)
    else chain.nxt[from + h2]! += q
  }
}

/**
 * y returns twice the damage it took (Bide: every third turn): enough to KO x? The HP y lost so
 * far stands for what it gave back (each hit is returned as it comes), divided by the hits per use
 * that Counter and Mirror Coat do not return.
 */
function reflectCheck(d: Duel, t: number) {
  if (d.y.mech.reflects === 'any' && t % 3 !== 0) return
  // only while it still uses its move (once dry it Struggles like anyone)
  if (phaseAt(d.y, t) !== 'move') return
  const { chain } = d
  const { cur, hp, width } = chain
  // Counter and Mirror Coat give back the last hit of a multi-hit move only
  // Bide stores two turns of hits of every three: the hit that lands after a release (the foe
  // moving later in the release turn) is never returned, so after k releases 2k of 3k − 1 turns
  const stored = d.y.mech.reflects === 'any' && d.ySlot === 0 ? (2 * t) / 3 / (t - 1) : 1
  const need = Math.ceil(((d.x.maxhp / 2) * d.y.reflectPerHits) / stored)
  const threshold = hp - need
  for (let c = 0; c < chain.cells; c++) {
    const from = c * width
    for (let h = 1; h <= Math.min(hp, threshold); h++) {
      const m = cur[from + h]!
      if (m === 0) continue
      chain.reflect[3 * t + 1]! += m
      chain.alive -= m
      cur[from + h] = 0
    }
  }
}
