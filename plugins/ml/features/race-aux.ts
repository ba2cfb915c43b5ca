import type { Duel } from './race-duel.ts'
import { faint, swap } from './race-hp-chain.ts'
import type { RaceFighter } from './race-plan.ts'
import { accuracyAt, phaseAt } from './race-timing.ts'

/**
 * What x's move leaves on y besides damage, followed as an extra cell index: poisoned / burned /
 * seeded (0 or 1), Toxic's counter (0 … 15), the turns a trap still holds (0 … 5), x's own attack
 * drops so far (0 … 6), or whether x must recharge next turn (0 or 1).
 */
export type AuxKind = 'none' | 'psn' | 'brn' | 'tox' | 'seed' | 'trap' | 'drops' | 'recharge'

/** The aux effect of a race direction: its kind, its number of states, and its chance per use. */
export interface Aux {
  readonly kind: AuxKind
  readonly size: number
  readonly chance: number
}

/**
 * The one aux effect followed exactly (the first that applies, in this order): one is enough for
 * the moves of Let's Go, and each extra dimension multiplies the cells of the race.
 */
export function auxOf(x: RaceFighter, y: RaceFighter): Aux {
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

/** Where a hit sends the aux state (status may land, a trap starts, a self-drop counts…): [a1, p1, a2, p2]. */
export function nextAux(aux: Aux, a: number): [number, number, number, number] {
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
 * x uses a status move at turn t, acting with chance `act`: only the chip-dealing statuses
 * (poison, Toxic, burn, Leech Seed) enter the race, moving mass from "not yet" to "afflicted".
 */
export function inflictStatus(d: Duel, t: number, act: number): void {
  const { aux, chain } = d
  if (act <= 0 || !['psn', 'brn', 'tox', 'seed'].includes(aux.kind)) return
  const p = act * accuracyAt(d.x, d.y, d.xFirst, t) * aux.chance
  const { cur, idx, hp } = chain
  for (let r = 0; r < d.restAux; r++) {
    if (d.shieldedFromStatus(r)) continue
    const from = idx(0, r)
    const to = idx(1, r)
    for (let h = 1; h <= hp; h++) {
      const m = cur[from + h]!
      if (m === 0) continue
      cur[from + h] = m * (1 - p)
      cur[to + h]! += m * p
    }
  }
}

/**
 * The end-of-turn step of a race direction: poison, burn, Toxic (growing), Leech Seed and trap
 * chip on y, the trap's count down, and y's heal while x is seeded by y's own Leech Seed (the
 * marginal chance x is seeded by now). Returns the step; it keeps that chance between turns.
 */
export function endOfTurn(d: Duel): (t: number) => void {
  const { y, onY, aux, chain, seedHeal } = d
  const hp = chain.hp
  let seeded = 0
  return (t) => {
    if (seedHeal > 0 && phaseAt(y, t) === 'move') {
      seeded = 1 - (1 - seeded) * (1 - (1 - onY.block[t]!) * y.mech.accuracy)
    }
    const chips = !(aux.kind === 'none' || aux.kind === 'drops' || aux.kind === 'recharge')
    if (!chips && seeded === 0) return
    const { cur, nxt, idx } = chain
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
      for (let r = 0; r < d.restAux; r++) {
        const from = idx(a, r)
        const to = idx(a2, r)
        for (let h = 1; h <= hp; h++) {
          const m = cur[from + h]!
          if (m === 0) continue
          const h2 = h - chip
          if (h2 <= 0) {
            faint(chain, key, m)
            continue
          }
          if (heal > 0) {
            nxt[to + Math.min(hp, h2 + seedHeal)]! += m * heal
            nxt[to + h2]! += m * (1 - heal)
          } else nxt[to + h2]! += m
        }
      }
    }
    swap(chain)
  }
}
