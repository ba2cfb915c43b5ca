import type { UseDamage } from './exact-damage.ts'

/**
 * Own states of a Substitute user in the race: 0 = no doll, 1 … SUB_STATES − 1 = a doll that has
 * absorbed (state − 1) hits (the last state: that many or more). Counting hits instead of a
 * memoryless break chance keeps the doll's real life: a doll that takes two hits to break holds
 * the first one for certain, which decides Struggle wars behind a Substitute (the side whose doll
 * holds out loses fewer HP and faints to its own recoil later).
 */
export const SUB_STATES = 7

/**
 * P(the next hit breaks the doll | it has absorbed `absorbed` hits), hits drawn independently
 * from `use`: the hazard of the first n with S_n ≥ doll HP, S_n the sum of n hits. A use that is
 * not a damage distribution (one-hit KO, Super Fang's halving) always breaks it.
 *
 * @example
 * dollHazards({ kind: 'dist', dist: uniformOf([20]) }, 33) // [0, 1, 1, …]: the 2nd hit breaks it
 */
export function dollHazards(use: UseDamage, dollHp: number): Float64Array {
  const out = new Float64Array(SUB_STATES).fill(1)
  if (use.kind !== 'dist') return out
  const { min, probs } = use.dist
  // below[s] = P(S_n = s, S_n < dollHp): the doll still holds after n hits
  let below = new Float64Array(Math.max(1, dollHp))
  below[0] = 1
  for (let n = 0; n < SUB_STATES; n++) {
    const held = below.reduce((x, y) => x + y, 0)
    if (held <= 1e-15) break
    const next = new Float64Array(below.length)
    for (let s = 0; s < below.length; s++) {
      const m = below[s]!
      if (m === 0) continue
      for (let i = 0; i < probs.length; i++) {
        const s2 = s + min + i
        if (s2 < dollHp) next[s2]! += m * probs[i]!
      }
    }
    const stillHeld = next.reduce((x, y) => x + y, 0)
    out[n] = 1 - stillHeld / held
    below = next
  }
  return out
}

/**
 * Per-use cache of the hazards (a race reads the same few damage distributions every turn).
 *
 * @example
 * const hazardOf = dollHazardCache(35); hazardOf(use, 0) // P(the first hit breaks it)
 */
export function dollHazardCache(dollHp: number): (use: UseDamage, absorbed: number) => number {
  const cache = new Map<UseDamage, Float64Array>()
  return (use, absorbed) => {
    let hazards = cache.get(use)
    if (!hazards) {
      hazards = dollHazards(use, dollHp)
      cache.set(use, hazards)
    }
    return hazards[Math.min(absorbed, SUB_STATES - 1)]!
  }
}
