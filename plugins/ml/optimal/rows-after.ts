import { passes } from '../solver/apply.ts'
import type { HpOp } from '../solver/kernel.ts'

export type Emit = (a: number, top: number) => void
export type RowsAfter = (ops: readonly HpOp[], a: number, top: number, emit: Emit) => void

/**
 * Applies HP ops to row `a` with B's HP 1 … `top`: each surviving row and its top, to `emit`
 * (damage to A gives a row per damage value). The same HP rules as the solver's (`applyBranch`,
 * `runPoint`): a hit followed by the attacker's recoil or drain moves the attacker by what each
 * damage value deals; Leech Seed heals what it takes; a failed HP test stops the branch.
 *
 * @example rowsAfter(maxA, maxB)(branch.ops, a, top, (a2, top2) => …)
 */
export function rowsAfter(maxA: number, maxB: number): RowsAfter {
  const step = (ops: readonly HpOp[], first: number, a: number, b: number, emit: Emit): void => {
    for (let i = first; i < ops.length; i++) {
      if (a < 1 || b < 1) return
      const op = ops[i]!
      const s = op.side
      switch (op.kind) {
        case 'damage': {
          const follow = ops[i + 1]
          const joint = follow && (follow.kind === 'recoil' || follow.kind === 'drain') && follow.side !== s
          const { min, probs } = op.dist
          if (!joint && s === 1) {
            // the prefix's survivors of the smallest hit hold those of every other hit
            b -= min
            break
          }
          const own = s === 0 ? a : b
          for (let k = 0; k < probs.length; k++) {
            const v = min + k
            if (v >= own) break
            if (probs[k] === 0) continue
            let na = s === 0 ? a - v : a
            let nb = s === 1 ? b - v : b
            if (joint) {
              const amount = Math.max(1, Math.round((v * follow.num) / follow.den))
              if (follow.side === 0) na = follow.kind === 'recoil' ? na - amount : Math.min(maxA, na + amount)
              else nb = follow.kind === 'recoil' ? nb - amount : Math.min(maxB, nb + amount)
            }
            step(ops, joint ? i + 2 : i + 1, na, nb, emit)
          }
          return
        }
        case 'halve':
          if (s === 0) a -= Math.max(1, Math.floor(a / 2))
          else b -= Math.max(1, Math.floor(b / 2))
          break
        case 'faint':
          return
        case 'heal':
          if (s === 0) a = Math.min(maxA, a + op.amount)
          else b = Math.min(maxB, b + op.amount)
          break
        case 'leech':
          // the seeded side survives only above the amount: it then loses all of it
          a = s === 0 ? a - op.amount : Math.min(maxA, a + op.amount)
          b = s === 0 ? Math.min(maxB, b + op.amount) : b - op.amount
          break
        case 'guard':
          if (s === 0) {
            if (!passes(op.test, a, maxA)) return
            break
          }
          // tests that only low HP passes cut the prefix; the others pass its top or nothing
          if (op.test === 'notFull' || op.test === 'atMostQuarter')
            while (b >= 1 && !passes(op.test, b, maxB)) b--
          if (!passes(op.test, b, maxB)) return
          break
        case 'recoil':
        case 'drain':
          throw new Error(`${op.kind} without the damage it follows`)
      }
    }
    if (a >= 1 && b >= 1) emit(a, b)
  }
  return (ops, a, top, emit) => step(ops, 0, a, top, emit)
}
