import { foldFixedHits } from '../solver/fold-hits.ts'
import type { HpOp } from '../solver/kernel.ts'
import type { Leaf } from '../solver/leaf.ts'
import { sameOps } from './graph-keys.ts'

/**
 * How the leaves of one chance state merge into branches: by what they do to HP (their ops with
 * fixed hits folded, see `foldFixedHits`), groups numbered in order of first appearance. It
 * depends on the leaves alone, not on the state they were computed for: outcomes that serve
 * several states (`OutcomeCache`) are grouped once.
 */
export interface LeafGroups {
  /** Per leaf: its group, or −1 for a leaf of probability 0 (it makes no branch). */
  readonly groupOf: Int32Array
  /** Per group: the folded ops of its first leaf. */
  readonly ops: readonly HpOp[][]
  /** Some group's ops can raise HP (healing, drain, Leech Seed): values need repeated sweeps. */
  readonly upward: boolean
}

/**
 * Groups `leaves` by their HP ops (see `LeafGroups`).
 *
 * @example const { groupOf, ops } = groupLeaves(outcomes.leaves)
 */
export function groupLeaves(leaves: readonly Leaf[]): LeafGroups {
  const groupOf = new Int32Array(leaves.length)
  const ops: HpOp[][] = []
  const upward = groupInto(leaves, groupOf, ops)
  return { groupOf, ops, upward }
}

/** `groupLeaves` into the caller's buffers (`groupOf` long enough, `ops` empty); true when upward. */
function groupInto(leaves: readonly Leaf[], groupOf: Int32Array, ops: HpOp[][]): boolean {
  let upward = false
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!
    if (leaf.p === 0) {
      groupOf[i] = -1
      continue
    }
    const folded = foldFixedHits(leaf.ops)
    let group = 0
    while (group < ops.length && !sameOps(ops[group]!, folded)) group++
    if (group === ops.length) {
      ops.push(folded)
      for (const op of folded)
        if (op.kind === 'heal' || op.kind === 'drain' || op.kind === 'leech') upward = true
    }
    groupOf[i] = group
  }
  return upward
}

/**
 * `groupLeaves`, remembered per list of leaves for the lists that come again (the outcomes an
 * `OutcomeCache` keeps); the others are grouped each time into buffers reused by the next call
 * (read the groups before asking again).
 *
 * @example const groups = createLeafGrouper(); groups.of(outcomes.leaves, outcomes.kept)
 */
export function createLeafGrouper() {
  const known = new WeakMap<readonly Leaf[], LeafGroups>()
  // the groups of lists not kept: one set of buffers, valid until the next call
  const once = { groupOf: new Int32Array(64), ops: [] as HpOp[][], upward: false }
  return {
    of(leaves: readonly Leaf[], kept: boolean): LeafGroups {
      if (!kept) {
        if (once.groupOf.length < leaves.length) once.groupOf = new Int32Array(leaves.length * 2)
        once.ops.length = 0
        once.upward = groupInto(leaves, once.groupOf, once.ops)
        return once
      }
      let groups = known.get(leaves)
      if (!groups) {
        groups = groupLeaves(leaves)
        known.set(leaves, groups)
      }
      return groups
    },
  }
}
