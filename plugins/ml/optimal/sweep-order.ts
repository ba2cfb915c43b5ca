import type { HpOp } from '../solver/kernel.ts'
import { CHUNK } from './chunk-schedule.ts'
import { GENERAL, JOINT_A, JOINT_B, type Layout, POINT } from './layout.ts'

/**
 * In which order one sweep values the cells so that every cell a cell reads is done before it.
 *
 * - `rows`: row by row (A's HP), each row in increasing B's HP (the sweep's own order). Enough when
 *   no outcome raises A's HP and B's HP only rises where A's falls (B's drain, Leech Seed on A):
 *   such a read lands in a lower row, finished.
 * - `blocks`: `width` columns (B's HP) at a time, each block row by row. Enough when no outcome
 *   raises B's HP and A's HP only rises where B loses at least `width` (A's drain, Leech Seed on
 *   B): such a read lands in an earlier block, finished.
 * - `repeat`: anything else (healing, drain on both sides): no order finishes every read first,
 *   so sweeps repeat, each from the last one's values, until no value moves (Gauss–Seidel).
 *
 * Why: a game with drain used to sweep 2 to 5 times, by one thread; in its order, once. A twelfth
 * of the benchmark's games have a drain move, on one side in every one of them.
 */
export type SweepOrder =
  | {
      readonly kind: 'rows'
      /**
       * Chunks (`CHUNK` cells) past the current one that a read in a lower row may reach: B's HP
       * rises by at most `lag` chunks where A loses some (0: B never gains). Two threads then
       * start chunk k of a row once chunk k + lag of the row below is done (`chunk-schedule.ts`).
       */
      readonly lag: number
    }
  | {
      readonly kind: 'blocks'
      readonly width: number
      /** The most A's HP rises in one outcome: a block's row a reads the block before up to row a + rise. */
      readonly rise: number
    }
  | { readonly kind: 'repeat' }

/** The most a change of HP can be, in a bound that stands for "any rise" or "any fall". */
const ANY = 1 << 30

/**
 * The order for the game laid out in `layout`, from what each branch does to the HP of both sides
 * (bounds on the change: a branch that can raise one side's HP and cannot be ruled safe makes the
 * game `repeat`).
 *
 * @example const order = sweepOrder(layout) // { kind: 'rows' } for most games
 */
export function sweepOrder(layout: Layout): SweepOrder {
  const { branchStart, branchKind, branchDist, distStart, distValue, branchDeltaAt, branchDelta } = layout
  let rowsSafe = true
  let blocksSafe = true
  let width = CHUNK
  // the largest rise of B's HP (rows) and of A's (blocks)
  let gainB = 0
  let gainA = 0
  const change: Change = { loA: 0, hiA: 0, loB: 0, hiB: 0 }
  for (let br = 0; br < branchStart[layout.count]!; br++) {
    const kind = branchKind[br]!
    if (kind === JOINT_A || kind === JOINT_B) {
      const d = branchDist[br]!
      for (let j = distStart[d]!; j < distStart[d + 1]!; j++) {
        const delta = branchDelta[branchDeltaAt[br]! + j - distStart[d]!]!
        if (delta <= 0) continue
        // the attacker drains: A rises as B loses the hit, or B rises as A loses it
        if (kind === JOINT_B) {
          rowsSafe = false
          width = Math.min(width, distValue[j]!)
          gainA = Math.max(gainA, delta)
        } else {
          blocksSafe = false
          gainB = Math.max(gainB, delta)
        }
      }
    } else if (kind === POINT || kind === GENERAL) {
      if (!changeOf(layout.branchOps[br]!, change)) continue
      if (change.hiA > 0) {
        rowsSafe = false
        gainA = Math.max(gainA, change.hiA)
        if (change.hiB >= 0) blocksSafe = false
        else width = Math.min(width, -change.hiB)
      }
      if (change.hiB > 0) {
        blocksSafe = false
        gainB = Math.max(gainB, change.hiB)
        if (change.hiA >= 0) rowsSafe = false
      }
    }
  }
  if (rowsSafe) return { kind: 'rows', lag: Math.ceil(gainB / CHUNK) }
  return blocksSafe ? { kind: 'blocks', width, rise: gainA } : { kind: 'repeat' }
}

/** Bounds on how much a branch's outcomes change A's and B's HP, from any cell they survive. */
interface Change {
  loA: number
  hiA: number
  loB: number
  hiB: number
}

/**
 * Writes into `out` bounds on the HP change of the cells `ops` leads to; false when no cell is
 * read (the branch ends in a knock-out). Bounds only: it ignores HP tests (they only remove cells)
 * and the caps at max HP (they only lower a rise).
 */
function changeOf(ops: readonly HpOp[], out: Change): boolean {
  out.loA = out.hiA = out.loB = out.hiB = 0
  const add = (side: 0 | 1, lo: number, hi: number) => {
    if (side === 0) {
      out.loA += lo
      out.hiA += hi
    } else {
      out.loB += lo
      out.hiB += hi
    }
  }
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!
    switch (op.kind) {
      case 'damage': {
        add(op.side, -op.dist.max, -op.dist.min)
        const follow = ops[i + 1]
        if (follow && (follow.kind === 'recoil' || follow.kind === 'drain') && follow.side !== op.side) {
          const amount = (v: number) => Math.max(1, Math.round((v * follow.num) / follow.den))
          if (follow.kind === 'drain') add(follow.side, 0, amount(op.dist.max))
          else add(follow.side, -amount(op.dist.max), -amount(op.dist.min))
          i++
        }
        break
      }
      case 'halve':
        add(op.side, -ANY, -1)
        break
      case 'faint':
        return false
      case 'heal':
        add(op.side, 0, op.amount)
        break
      case 'leech':
        // the seeded side survives only above the amount, and then loses all of it
        add(op.side, -op.amount, -op.amount)
        add(op.side === 0 ? 1 : 0, 0, op.amount)
        break
      case 'guard':
        break
      case 'recoil':
      case 'drain':
        // only ever after the damage it follows: unknown here, so any change
        add(op.side, -ANY, ANY)
        break
    }
  }
  return true
}
