import { actionOf, beforeMove } from './before-move.ts'
import type { SolveContext } from './context.ts'
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
  const caches: Record<Phase, Map<Mode, readonly Branch<Mode>[]>> = {
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
        return JSON.stringify(op)
      })
      .join(';')
  const merge = (leaves: readonly Leaf[], stop: boolean): Branch<Mode>[] => {
    const byKey = new Map<string, { p: number; ops: HpOp[]; next: Mode }>()
    for (const leaf of leaves) {
      if (leaf.p === 0) continue
      const next = table.intern(leaf.m)
      const key = `${table.key(next)}|${opsKey(leaf.ops)}`
      const known = byKey.get(key)
      if (known) known.p += leaf.p
      else byKey.set(key, { p: leaf.p, ops: leaf.ops, next })
    }
    return [...byKey.values()].map((b) => ({ ...b, stopAtFirstFaint: stop }))
  }
  const build = (phase: Phase, mode: Mode): Branch<Mode>[] => {
    switch (phase) {
      case 'start':
        return turnStart(ctx, mode).map(({ p, next }) => ({
          p,
          ops: [],
          next: table.intern(next),
          stopAtFirstFaint: false,
        }))
      case 'first':
      case 'second': {
        const actor = (phase === 'first' ? mode[T_ORDER] : 1 - mode[T_ORDER]!) as Side
        return merge(actionLeaves(ctx, mode, actor), false)
      }
      case 'residual':
        return merge(residual(ctx, mode), true)
    }
  }
  return {
    branches(phase, mode) {
      const cache = caches[phase]
      let branches = cache.get(mode)
      if (!branches) {
        branches = build(phase, mode)
        cache.set(mode, branches)
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
