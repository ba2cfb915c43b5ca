import type { UseDamage } from './exact-damage.ts'
import { inflictStatus, nextAux } from './race-aux.ts'
import type { Duel } from './race-duel.ts'
import { faint, type HpChain, swap } from './race-hp-chain.ts'
import { accuracyAt, phaseAt } from './race-timing.ts'

type AuxMove = [number, number, number, number]

const NO_DAMAGE: UseDamage = { kind: 'none' }

/**
 * x's action at turn t on y's HP distribution: a status move's affliction, or a hit (damage
 * roll by roll, the aux effect it carries, a Substitute taking it instead), weighted by what keeps
 * x from acting (y's control of x, Protect, y hidden by Fly / Dig) and by accuracy at that turn.
 * A recharge turn moves the aux state back even when x cannot attack.
 */
export function attackerAction(d: Duel, t: number): void {
  const { x, y, xFirst, aux, chain } = d
  const phase = phaseAt(x, t)
  const act = (1 - d.onX.block[t]!) * (1 - d.xShielded[t]!)
  if (phase === 'move' && !x.mech.damaging) {
    inflictStatus(d, t, act)
    return
  }
  const attacks =
    (phase === 'struggle' || (phase === 'move' && !(x.mech.needsFoeAttack && !y.mech.damaging))) && act > 0
  if (!attacks && aux.kind !== 'recharge') return
  const struggle = phase === 'struggle'
  const p = attacks ? act * (struggle ? 1 : accuracyAt(x, y, xFirst, t)) : 0
  const { cur, nxt, idx, hp } = chain
  nxt.fill(0)
  let fainted = 0
  for (let a = 0; a < aux.size; a++) {
    const recharging = aux.kind === 'recharge' && a === 1
    const to: AuxMove = struggle ? [a, 1, 0, 0] : nextAux(aux, a)
    const use: UseDamage =
      attacks && !recharging ? d.damageAt(t, phase, aux.kind === 'drops' ? a : 0) : NO_DAMAGE
    for (let r = 0; r < d.restAux; r++) {
      const from = idx(a, r)
      // Dream Eater needs a sleeping target; Struggle, once its PP is gone, does not
      const hittable =
        use.kind !== 'none' && !(x.mech.needsSleepingFoe && !struggle && (d.target !== 'rest' || r === 0))
      const behindSub = d.target === 'sub' && r >= 1
      const toHere: AuxMove =
        d.shieldedFromStatus(r) || (behindSub && aux.kind === 'trap') ? [a, 1, 0, 0] : to
      const breaks = behindSub && hittable ? d.dollBreaks(use, r - 1) : 0
      const held = Math.min(d.restAux - 1, r + 1)
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
          // the doll takes the hit: the target's HP is spared; the doll breaks or holds one more
          const a2 = aux.kind === 'drops' || aux.kind === 'recharge' ? toHere[0] : a
          nxt[idx(a2, 0) + h]! += hitMass * breaks
          nxt[idx(a2, held) + h]! += hitMass * (1 - breaks)
        } else fainted += spreadHit(chain, use, h, hitMass, toHere, r)
      }
    }
  }
  faint(chain, 3 * t + d.xSlot, fainted)
  swap(chain)
}

/** Spreads the mass of one cell hit by `use` into the next distribution; returns the mass that fainted. */
function spreadHit(chain: HpChain, use: UseDamage, h: number, mass: number, to: AuxMove, r: number): number {
  const { nxt, idx } = chain
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
