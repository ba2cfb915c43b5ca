import { actionOf, beforeMove } from './before-move.ts'
import { ppLeft, type SolveContext } from './context.ts'
import type { Dist } from './dist.ts'
import { foldFixedHits } from './fold-hits.ts'
import type { Branch, HpOp, Side } from './kernel.ts'
import { type Leaf, stage, startLeaf } from './leaf.ts'
import { at, createModeTable, F, MODE_SIZE, type Mode, type ModeTable, T_ORDER } from './mode.ts'
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
  const distIds = new WeakMap<Dist, number>()
  let nextId = 0
  const opsKey = (ops: readonly HpOp[]) =>
    ops
      .map((op) => {
        if (op.kind === 'damage') {
          // a fixed amount by value: the folded hits of a multi-hit move are new objects
          if (op.dist.min === op.dist.max) return `d${op.side}:c${op.dist.min}`
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
  const merge = (leaves: readonly Leaf[], into: ModeTable): Branch<Mode>[] => {
    const byOps = new Map<string, { p: number; ops: HpOp[]; targets: Map<Mode, number> }>()
    for (const leaf of leaves) {
      if (leaf.p === 0) continue
      const next = into.intern(leaf.m)
      const ops = foldFixedHits(leaf.ops)
      const key = opsKey(ops)
      let branch = byOps.get(key)
      if (!branch) {
        branch = { p: 0, ops, targets: new Map() }
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
  const build = (phase: Phase, mode: Mode, into: ModeTable): Branch<Mode>[] => {
    switch (phase) {
      case 'start':
        return [
          {
            p: 1,
            ops: [],
            targets: turnStart(ctx, mode).map(({ p, next }) => ({ p, next: into.intern(next) })),
          },
        ]
      case 'first':
      case 'second': {
        const actor = (phase === 'first' ? mode[T_ORDER] : 1 - mode[T_ORDER]!) as Side
        return merge(actionLeaves(ctx, mode, actor), into)
      }
      case 'residual':
        return merge(residual(ctx, mode).map(forgetWhatNoLongerMatters(ctx)), into)
    }
  }
  // States that differ only in their PP count (`F.ppSkips`) have the same kernel once PP left is
  // the same up to the cap of `ppKey`, with every next state's count shifted by theirs. A long
  // battle where a side is often frozen or paralysed meets thousands of such states and only a
  // few hundred without the count: build those once (in their own table, so that `table.size`
  // still counts the battle's states) and shift.
  const templates = createModeTable()
  const templateCaches = emptyCaches()
  const skipField = [at(0, F.ppSkips), at(1, F.ppSkips)] as const
  const scratch = new Int32Array(MODE_SIZE)
  const shifted = (branches: readonly Branch<Mode>[], phase: Phase, shift: readonly number[]) =>
    branches.map(({ p, ops, targets }) => ({
      p,
      ops,
      targets: targets.map(({ p: q, next }) => {
        scratch.set(next)
        for (const side of [0, 1] as const) {
          // the residual clears the count of a side that ran out of PP (`forgetWhatNoLongerMatters`)
          if (phase === 'residual' && scratch[at(side, F.ppOut)]! > 0) continue
          scratch[skipField[side]] = scratch[skipField[side]]! + shift[side]!
        }
        return { p: q, next: table.internCopy(scratch) }
      }),
    }))
  const fromTemplate = (phase: Phase, mode: Mode, ppKey: number): readonly Branch<Mode>[] => {
    const shift = [mode[skipField[0]]!, mode[skipField[1]]!] as [number, number]
    if (shift[0] === 0 && shift[1] === 0) return build(phase, mode, table)
    scratch.set(mode)
    scratch[skipField[0]] = 0
    scratch[skipField[1]] = 0
    const template = cached(templateCaches[phase], templates.internCopy(scratch), ppKey, (key) => {
      ctx.ppSkipsBias = shift
      try {
        return build(phase, key, templates)
      } finally {
        ctx.ppSkipsBias = [0, 0]
      }
    })
    return shifted(template, phase, shift)
  }
  const caches = emptyCaches()
  return {
    branches(phase, mode) {
      const ppKey =
        Math.max(0, Math.min(2, ppLeft(ctx, mode, 0))) * 3 + Math.max(0, Math.min(2, ppLeft(ctx, mode, 1)))
      return cached(caches[phase], mode, ppKey, () => fromTemplate(phase, mode, ppKey))
    },
  }
}

type KernelCache = Map<Mode, Map<number, readonly Branch<Mode>[]>>

function emptyCaches(): Record<Phase, KernelCache> {
  return { start: new Map(), first: new Map(), second: new Map(), residual: new Map() }
}

/** The kernel of `mode` at `ppKey`, made once. */
function cached(
  cache: KernelCache,
  mode: Mode,
  ppKey: number,
  make: (mode: Mode) => readonly Branch<Mode>[],
): readonly Branch<Mode>[] {
  let byPp = cache.get(mode)
  if (!byPp) {
    byPp = new Map()
    cache.set(mode, byPp)
  }
  let branches = byPp.get(ppKey)
  if (!branches) {
    branches = make(mode)
    byPp.set(ppKey, branches)
  }
  return branches
}

/**
 * Clears, at the end of a turn, the fields that no rule reads from the next turn on, so that
 * states differing only in them become one (fewer states, same answer): the PP count of a side
 * that ran out (it Struggles for good), the last move when nobody uses Disable, the action count
 * when nobody uses Fake Out (it only tells "more than one"), and this turn's choice (the next turn
 * chooses again).
 */
function forgetWhatNoLongerMatters(ctx: SolveContext): (leaf: Leaf) => Leaf {
  const moves: string[] = [ctx.battlers[0].move.id, ctx.battlers[1].move.id]
  const lastMoveMatters = moves.includes('disable')
  const actionsMatter = moves.includes('fakeout')
  return (leaf) => {
    for (const side of [0, 1] as const) {
      if (leaf.m[at(side, F.ppOut)]! > 0) leaf.m[at(side, F.ppSkips)] = 0
      if (!lastMoveMatters) leaf.m[at(side, F.lastMove)] = 0
      if (!actionsMatter) leaf.m[at(side, F.actions)] = 0
      leaf.m[at(side, F.choice)] = 0
    }
    return leaf
  }
}

/** Every outcome of one side's action in `mode`: `runMove` checks, then the move. */
export function actionLeaves(ctx: SolveContext, mode: Mode, side: Side): Leaf[] {
  return actionLeavesFrom(ctx, startLeaf(mode), side)
}

/** `actionLeaves` from a fresh leaf whose state the caller gives up (no copy of it is made). */
export function actionLeavesFrom(ctx: SolveContext, leaf: Leaf, side: Side): Leaf[] {
  const action = actionOf(ctx, leaf, side)
  const leaves = beforeMove(ctx, leaf, side, action)
  if (action === 'recharge') return leaves
  return stage(leaves, (l) => useMove(ctx, l, side, action))
}
