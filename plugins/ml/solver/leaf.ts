import type { Dist } from './dist.ts'
import type { HpOp, Side } from './kernel.ts'
import { cloneMode, type Mode } from './mode.ts'

/**
 * A partial branch while a phase's outcomes are being enumerated: its probability, the discrete
 * state so far (owned by this leaf: clone before changing a shared one), the HP ops so far, and
 * whether the acting side's action has already ended (it could not move, the move failed, …).
 */
export interface Leaf {
  p: number
  m: Mode
  ops: HpOp[]
  done: boolean
}

/** A fresh leaf (probability 1) on a copy of `mode`. */
export function startLeaf(mode: Mode): Leaf {
  return { p: 1, m: cloneMode(mode), ops: [], done: false }
}

/**
 * Splits `leaf` into children with the given probabilities; each child gets its own copy of the
 * state and ops, and `edit` (if any) applies to it. Zero-probability children are dropped.
 *
 * @example
 * fork(leaf, [[0.25, (child) => { child.done = true }], [0.75]])
 */
export function fork(leaf: Leaf, children: readonly (readonly [number, ((child: Leaf) => void)?])[]): Leaf[] {
  const out: Leaf[] = []
  for (const [p, edit] of children) {
    if (p <= 0) continue
    const child = childOf(leaf, p, false)
    edit?.(child)
    out.push(child)
  }
  return out
}

/**
 * `fork` for a leaf its caller drops once split: the last child (with a non-zero probability)
 * takes the leaf's own state and ops, the others get copies. Copying the state was most of the
 * cost of enumerating a turn's outcomes (the optimal-play exploration runs the rules for every
 * discrete state); only for a leaf that nothing reads or changes afterwards.
 */
export function split(
  leaf: Leaf,
  children: readonly (readonly [number, ((child: Leaf) => void)?])[],
): Leaf[] {
  let last = children.length - 1
  while (last >= 0 && children[last]![0] <= 0) last--
  const out: Leaf[] = []
  for (let i = 0; i <= last; i++) {
    const [p, edit] = children[i]!
    if (p <= 0) continue
    const child = childOf(leaf, p, i === last)
    edit?.(child)
    out.push(child)
  }
  return out
}

/**
 * One child of `leaf` with probability `p` (> 0): a copy of its state and ops, or (`last`, for the
 * last child of a leaf its caller drops once split) the leaf's own — a last child of probability 1
 * is the leaf itself (the same numbers, no object to make). What `split` does per child, for the
 * loops over a distribution's values (one child per damage amount): copies were most of what
 * enumerating a turn's outcomes allocates.
 */
export function childOf(leaf: Leaf, p: number, last: boolean): Leaf {
  if (!last) return { p: leaf.p * p, m: cloneMode(leaf.m), ops: copyOps(leaf.ops), done: leaf.done }
  return p === 1 ? leaf : { p: leaf.p * p, m: leaf.m, ops: leaf.ops, done: leaf.done }
}

/** A copy of an ops list: most are empty, and `[]` costs a third of `slice()` of an empty list. */
function copyOps(ops: HpOp[]): HpOp[] {
  return ops.length === 0 ? [] : ops.slice()
}

/**
 * Runs `stage` on every leaf still acting; finished leaves pass through unchanged. Returns `leaves`
 * itself when no leaf was split (most stages of most actions): no list to build.
 */
export function stage(leaves: Leaf[], run: (leaf: Leaf) => Leaf[] | undefined): Leaf[] {
  let out: Leaf[] | null = null
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!
    const children = leaf.done ? undefined : run(leaf)
    if (children === undefined) {
      out?.push(leaf)
      continue
    }
    out ??= leaves.slice(0, i)
    for (const child of children) out.push(child)
  }
  return out ?? leaves
}

/** Appends a damage op. */
export function damage(leaf: Leaf, side: Side, dist: Dist): void {
  leaf.ops.push({ kind: 'damage', side, dist })
}
