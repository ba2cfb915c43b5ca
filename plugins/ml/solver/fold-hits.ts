import { constantDist } from './dist.ts'
import type { HpOp } from './kernel.ts'

/**
 * `ops` with each run of consecutive fixed damages to one side replaced by their sum. Why: a
 * multi-hit move rolls each hit apart (Fury Swipes, 2–5 hits of 2–4 damage each, gives 361 op
 * lists), and every list is a branch applied at every HP cell (the fixed-move solver's grids,
 * optimal play's sweep) — but hits in a row only lower that side's HP (a knock-out part-way stays
 * one at the end), so their sum does the same, and the lists with one sum merge into one branch. A hit followed by a recoil or drain is kept apart (they
 * read what the hit before them dealt). Returns `ops` itself when there is nothing to fold.
 */
export function foldFixedHits(ops: HpOp[]): HpOp[] {
  let folded: HpOp[] | null = null
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!
    const last = folded ? folded[folded.length - 1] : i > 0 ? ops[i - 1] : undefined
    // a recoil or drain after `op` reads what `op` alone dealt: that hit stays apart
    const readBack = ops[i + 1]?.kind === 'recoil' || ops[i + 1]?.kind === 'drain'
    if (!readBack && isFixedDamage(op) && last && isFixedDamage(last) && last.side === op.side) {
      folded ??= ops.slice(0, i)
      folded[folded.length - 1] = {
        kind: 'damage',
        side: op.side,
        dist: constantDist(last.dist.min + op.dist.min),
      }
      continue
    }
    folded?.push(op)
  }
  return folded ?? ops
}

function isFixedDamage(op: HpOp): op is Extract<HpOp, { kind: 'damage' }> {
  return op.kind === 'damage' && op.dist.min === op.dist.max
}
