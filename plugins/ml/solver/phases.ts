import { actionOf, beforeMove } from './before-move.ts'
import { ppLeft, type SolveContext } from './context.ts'
import type { Dist } from './dist.ts'
import type { Branch, HpOp, Side } from './kernel.ts'
import { type Leaf, stage, startLeaf } from './leaf.ts'
import type { Mode, ModeTable } from './mode.ts'
import { T_ORDER } from './mode.ts'
import { residual } from './residual.ts'
import { turnStart } from './turn-start.ts'
import { useMove } from './use-move.ts'

/** The four phases of a turn, in order. */
export type Phase = 'start' | 'first' | 'second' | 'residual'

/**
 * Builds (and caches per state) the branches of each phase of a turn. Branches with the same HP
 * ops and the same next state are merged, so a phase applies as few distributions as possible.
 */
export interface PhaseKernels {
  branches(phase: Phase, mode: Mode): readonly Branch<Mode>[]
}

/** @example const kernels = createPhaseKernels(ctx, table) */
export function createPhaseKernels(ctx: SolveContext, table: ModeTable): PhaseKernels {
  // Kernels depend on the turn only through PP left (Struggle, Disable): cache by state and by
  // PP left capped at 2 on each side, so a kernel is reused on every turn with plenty of PP.
  const caches: Record<Phase, Map<Mode, Map<number, readonly Branch<Mode>[]>>> = {
    start: new Map(),
    first: new Map(),
    second: new Map(),
    residual: new Map(),
  }
  const distIds = new WeakMap<Dist, number>()
  let nextId = 0
  const opsKey = (ops: readonly HpOp[]) =>
    ops
      .map((op) => {
        if (op.kind === 'damage') {
          let id = distIds.get(op.dist)
          if (id === undefined) {
            id = nextId++
            distIds.set(op.dist, id)
          }
          return `d${op.side}:${id}`
        }
        if (op.kind === 'recoil' || op.kind === 'drain') return `${op.kind}${op.side}:${op.num}/${op.den}`
        if (op.kind === 'heal' || op.kind === 'leech') return `${op.kind}${op.side}:${op.amount}`
        if (op.kind === 'guard') return `g${op.side}:${op.test}`
        return `${op.kind}${op.side}`
      })
      .join(';')
  const merge = (leaves: readonly Leaf[]): Branch<Mode>[] => {
    const byOps = new Map<string, { p: number; ops: HpOp[]; targets: Map<Mode, number> }>()
    for (const leaf of leaves) {
      if (leaf.p === 0) continue
      const next = table.intern(leaf.m)
      const key = opsKey(leaf.ops)
      let branch = byOps.get(key)
      if (!branch) {
        branch = { p: 0, ops: leaf.ops, targets: new Map() }
        byOps.set(key, branch)
      }
      branch.p += leaf.p
      branch.targets.set(next, (branch.targets.get(next) ?? 0) + leaf.p)
    }
    return [...byOps.values()].map(({ p, ops, targets }) => ({
      p,
      ops,
      targets: [...targets].map(([next, q]) => ({ p: q, next })),
    }))
  }
  const build = (phase: Phase, mode: Mode): Branch<Mode>[] => {
    switch (phase) {
      case 'start':
        return [
          {
            p: 1,
            ops: [],
            targets: turnStart(ctx, mode).map(({ p, next }) => ({ p, next: table.intern(next) })),
          },
        ]
      case 'first':
      case 'second': {
        const actor = (phase === 'first' ? mode[T_ORDER] : 1 - mode[T_ORDER]!) as Side
        return merge(actionLeaves(ctx, mode, actor))
      }
      case 'residual':
        return merge(residual(ctx, mode))
    }
  }
  return {
    branches(phase, mode) {
      let byPp = caches[phase].get(mode)
      if (!byPp) {
        byPp = new Map()
        caches[phase].set(mode, byPp)
      }
      const ppKey =
        Math.max(0, Math.min(2, ppLeft(ctx, mode, 0))) * 3 + Math.max(0, Math.min(2, ppLeft(ctx, mode, 1)))
      let branches = byPp.get(ppKey)
      if (!branches) {
        branches = build(phase, mode)
        byPp.set(ppKey, branches)
      }
      return branches
    },
  }
}

/** Every outcome of one side's action in `mode`: `runMove` checks, then the move. */
export function actionLeaves(ctx: SolveContext, mode: Mode, side: Side): Leaf[] {
  const leaf = startLeaf(mode)
  const action = actionOf(ctx, leaf, side)
  const leaves = beforeMove(ctx, leaf, side, action)
  if (action === 'recharge') return leaves
  return stage(leaves, (l) => useMove(ctx, l, side, action))
}
