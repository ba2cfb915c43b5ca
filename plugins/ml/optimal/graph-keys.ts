import type { Dist } from '../solver/dist.ts'
import type { HpOp } from '../solver/kernel.ts'

/**
 * Whether two lists of HP ops do the same thing to HP, so that the exploration merges their
 * leaves into one branch: the same ops in the same order, a damage distribution equal by identity
 * or, for a fixed amount, by value. Compared in place: building a string key per leaf cost more
 * than the comparisons (a state has a handful of distinct op lists).
 *
 * @param sameDist how two distinct distribution objects compare (default: only fixed amounts by
 *   value; `equalDists` compares every probability, for the merge of whole states)
 */
export function sameOps(
  x: readonly HpOp[],
  y: readonly HpOp[],
  sameDist: (a: Dist, b: Dist) => boolean = sameFixed,
): boolean {
  if (x === y) return true
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!
    const b = y[i]!
    if (a.kind !== b.kind || a.side !== b.side) return false
    switch (a.kind) {
      case 'damage': {
        const d = (b as typeof a).dist
        if (a.dist === d) break
        if (!sameDist(a.dist, d)) return false
        break
      }
      case 'recoil':
      case 'drain': {
        const o = b as typeof a
        if (a.num !== o.num || a.den !== o.den) return false
        break
      }
      case 'heal':
      case 'leech':
        if (a.amount !== (b as typeof a).amount) return false
        break
      case 'guard':
        if (a.test !== (b as typeof a).test) return false
        break
    }
  }
  return true
}

/** Two fixed amounts, equal. */
function sameFixed(a: Dist, b: Dist): boolean {
  return a.min === a.max && b.min === b.max && a.min === b.min
}

/** The same distribution value for value (distinct objects built alike). */
export function equalDists(a: Dist, b: Dist): boolean {
  if (a.min !== b.min || a.probs.length !== b.probs.length) return false
  for (let k = 0; k < a.probs.length; k++) if (a.probs[k] !== b.probs[k]) return false
  return true
}

/** A split of one HP outcome over several next states (a mix node's branches). */
export interface MixTarget {
  readonly p: number
  readonly node: number
}

/**
 * Mix nodes by content (stage, then each target's node and probability, bit for bit): the same
 * split met again reuses its node. Hashes numbers instead of joining strings.
 */
export function createMixTable<T>() {
  const buckets = new Map<number, { stage: number; targets: readonly MixTarget[]; value: T }[]>()
  const bits = new Float64Array(1)
  const words = new Int32Array(bits.buffer)
  const hashOf = (stage: number, targets: readonly MixTarget[]) => {
    let hash = Math.imul(0x811c9dc5 ^ (stage * 2), 0x01000193)
    for (const t of targets) {
      bits[0] = t.p
      hash = Math.imul(hash ^ t.node, 0x01000193)
      hash = Math.imul(hash ^ words[0]!, 0x01000193)
      hash = Math.imul(hash ^ words[1]!, 0x01000193)
    }
    return hash >>> 0
  }
  const same = (x: readonly MixTarget[], y: readonly MixTarget[]) => {
    if (x.length !== y.length) return false
    for (let i = 0; i < x.length; i++) if (x[i]!.node !== y[i]!.node || x[i]!.p !== y[i]!.p) return false
    return true
  }
  return {
    /** The value stored for this split, or `make()` stored now. */
    get(stage: number, targets: readonly MixTarget[], make: () => T): T {
      const hash = hashOf(stage, targets)
      let bucket = buckets.get(hash)
      if (bucket) {
        for (const known of bucket)
          if (known.stage === stage && same(known.targets, targets)) return known.value
      } else {
        bucket = []
        buckets.set(hash, bucket)
      }
      const value = make()
      bucket.push({ stage, targets, value })
      return value
    },
  }
}
