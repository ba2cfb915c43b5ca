import { createGeneralEvaluator, type GeneralEvaluator, runPoint } from './branch-eval.ts'
import { eagerSameLists, lazyPrograms, sameLists, zeroStates } from './cell-tables.ts'
import { EAGER_AHEAD, EAGER_CELL, eagerSums } from './eager-sums.ts'
import type { SweepGraph } from './graph.ts'
import { DAMAGE_A, DAMAGE_B, GENERAL, JOINT_A, JOINT_B, type Layout, POINT, SAME } from './layout.ts'
import type { LazyProgram } from './pair-programs.ts'
import type { Reach } from './reach.ts'

/**
 * Evaluates a chance state's branches at one HP cell: what comes from other cells (already valued,
 * or from the previous sweep for healing) and wins is summed into `lower[id]`; branches that come
 * back to this very cell are static (`SAME`: no HP op, the same for every cell) or found at the
 * cell (`returned`: healing at full HP, a failed HP test), listed in `ret…` for the cell's fixed point.
 */
export interface CellEvaluator {
  readonly lower: Float64Array
  /** `SAME` branches of state n: `sameStart[n] … sameStart[n + 1] − 1` (target, probability). */
  readonly sameStart: Int32Array
  readonly sameTarget: Int32Array
  readonly sameCoef: Float64Array
  /** Same-cell returns found at the cell for state `id`: `Layout.branchStart[id] + r`, r < retCount[id]. */
  readonly retCount: Int32Array
  readonly retTarget: Int32Array
  readonly retCoef: Float64Array
  /**
   * States whose value at a cell is only same-cell turn-start values (`SAME` branches, through
   * such states, to turn states: "nothing happened" at the end of a turn): their part computed
   * here is 0, so they are never evaluated; stored ones get their value from the templates.
   */
  readonly zero: Uint8Array
  /**
   * `val[id]` of a state valued on demand (see `pair-values.ts`) at cell (a, b), as `evaluate`
   * computes it (without `lower`: only `evaluate` feeds a cell that comes back to itself), from a
   * list of its damaging branches and its `SAME` terms made once: the hottest call of a solve.
   */
  evaluateLazy(id: number, a: number, b: number): void
  /** The lists `evaluateLazy` runs (see `lazyPrograms`), for the pairs' flat lists (`pair-programs.ts`). */
  readonly lazyProgram: LazyProgram
  /** Set when an HP-changing branch came back to the cell (heal at full HP, a failed HP test). */
  returned: boolean
  /**
   * Before the cells `from … to` of row `a`: for every state of the row at once, sums the branches
   * that only read other rows (damage to A; the rows they read are final by then); damage to B is
   * valued ahead from the cells as they are reached (see `eagerSums`).
   */
  sumRow(a: number, from: number, to: number): void
  /**
   * `lower[id]` at cell (a, b), then `val[id]` = lower + the `SAME` terms on chance states (their
   * values at this cell come first: later phases are evaluated first); terms on turn states are the
   * templates' business.
   */
  evaluate(id: number, a: number, b: number): void
  /** `evaluate` of `list[0 … end − 1]` (a stage group of the row: they do not read each other). */
  evaluateList(list: Int32Array, end: number, a: number, b: number): void
}

/**
 * @param lazy states evaluated on demand (see `lazyStates`): their damage to A is summed per cell,
 *   not a whole row at a time (only the cells that read them pay for it).
 * @example const cells = createCellEvaluator(graph, reach, layout, layout.grid, val, lazy)
 */
export function createCellEvaluator(
  graph: SweepGraph,
  reach: Reach,
  layout: Layout,
  grid: Float64Array,
  val: Float64Array,
  lazy: Uint8Array,
): CellEvaluator {
  const { hiA, hiB } = reach
  const { count, gridAt, branchStart, branchKind, branchP, branchTarget, branchDist, branchOps } = layout
  const { distStart, distValue, distProb, distTail, branchDeltaAt, branchDelta } = layout
  const [maxA, maxB] = graph.maxHp
  const { zero, noLower } = zeroStates(graph, layout, lazy)
  const lower = new Float64Array(count)
  const retCount = new Int32Array(count)
  const retTarget = new Int32Array(branchStart[count]!)
  const retCoef = new Float64Array(branchStart[count]!)
  const sink = { same: 0, lower: 0 }
  // its scratch buffers (1 MB) only for games that have general branches
  let general: GeneralEvaluator | null = null
  const point = { a: 0, b: 0, winner: -1 }
  const { sameStart, sameTarget, sameCoef } = sameLists(layout)
  // the `SAME` terms `evaluate` adds: on states with a part of their own
  const {
    sameStart: ownStart,
    sameTarget: ownTarget,
    sameCoef: ownCoef,
  } = eagerSameLists(sameStart, sameTarget, sameCoef, noLower)
  const eager = eagerSums(layout, reach, grid, lazy, graph.maxHp)
  const { mode, at: sumsAt, sums, done } = eager
  // per branch: where its target's table starts and how wide it is (one read instead of three)
  const targetAt = new Int32Array(branchStart[count]!)
  const targetCols = new Int32Array(branchStart[count]!)
  for (let br = 0; br < targetAt.length; br++) {
    targetAt[br] = gridAt[branchTarget[br]!]!
    targetCols[br] = hiB[branchTarget[br]!]!
  }

  /**
   * A hit on one side followed by the attacker's recoil or drain, per damage value: the hit side at
   * `hp`, the attacker at `userHp` (capped at `userMax`); a KO of the hit side is worth `koValue`
   * (1 when it is B), the attacker fainting from recoil the other. Table reads step by `strideHp`
   * per HP of the hit side and `strideUser` per HP of the attacker.
   */
  const joint = (
    br: number,
    koValue: number,
    hp: number,
    userHp: number,
    userMax: number,
    strideHp: number,
    strideUser: number,
  ) => {
    const d = branchDist[br]!
    const start = distStart[d]!
    const end = distStart[d + 1]!
    const deltaBase = branchDeltaAt[br]! - start
    const origin = targetAt[br]! - targetCols[br]! - 1
    let sum = 0
    for (let j = start; j < end; j++) {
      const v = distValue[j]!
      if (v >= hp) {
        sum += koValue * distProb[j]!
        continue
      }
      const user = Math.min(userMax, userHp + branchDelta[deltaBase + j]!)
      sum += distProb[j]! * (user > 0 ? grid[origin + (hp - v) * strideHp + user * strideUser]! : 1 - koValue)
    }
    return branchP[br]! * sum
  }

  const program = lazyPrograms(layout, reach, lazy, noLower, sameStart, sameTarget, sameCoef)
  const cells: CellEvaluator = {
    lazyProgram: program,
    lower,
    sameStart,
    sameTarget,
    sameCoef,
    retCount,
    retTarget,
    retCoef,
    zero,
    returned: false,
    sumRow: (a, from, to) => eager.sum(a, from, to),
    evaluate: (id, a, b) => (mode[id] === EAGER_CELL ? evaluate(id, a, b) : evaluateSummed(id, a, b)),
    evaluateList: (list, end, a, b) => {
      for (let i = 0; i < end; i++) {
        const id = list[i]!
        const kind = mode[id]!
        if (kind === EAGER_CELL) {
          evaluate(id, a, b)
          continue
        }
        // `evaluateSummed`, inlined: the loop of most cells
        let total = 0
        if (kind === EAGER_AHEAD) {
          if (b > done[id]!) eager.ahead(id, a, b)
          total = sums[sumsAt[id]! + b - 1]!
        }
        lower[id] = total
        const last = ownStart[id + 1]!
        for (let s = ownStart[id]!; s < last; s++) total += ownCoef[s]! * val[ownTarget[s]!]!
        val[id] = total
      }
    },
    evaluateLazy: (id, a, b) => evaluateLazy(id, a, b),
  }
  const { start: lzStart, kind: lzKind, branch: lzBranch, at: lzAt, stride: lzStride } = program
  const { sameStart: lzSameStart, sameTarget: lzSameTarget, sameCoef: lzSameCoef } = program
  const evaluateLazy = (id: number, a: number, b: number) => {
    let total = 0
    for (let i = lzStart[id]!; i < lzStart[id + 1]!; i++) {
      const kind = lzKind[i]!
      const br = lzBranch[i]!
      const d = branchDist[br]!
      const end = distStart[d + 1]!
      let sum = 0
      if (kind === DAMAGE_B) {
        const at = lzAt[i]! + (a - 1) * lzStride[i]! + b - 1
        let j = distStart[d]!
        for (; j < end; j++) {
          const v = distValue[j]!
          if (v >= b) break
          sum += distProb[j]! * grid[at - v]!
        }
        if (j < end) sum += distTail[j]!
        total += branchP[br]! * sum
      } else if (kind === DAMAGE_A) {
        const stride = lzStride[i]!
        const at = lzAt[i]! + (a - 1) * stride + b - 1
        for (let j = distStart[d]!; j < end; j++) {
          const v = distValue[j]!
          if (v >= a) break
          sum += distProb[j]! * grid[at - v * stride]!
        }
        total += branchP[br]! * sum
      } else if (kind === JOINT_B) total += joint(br, 1, b, a, maxA, 1, targetCols[br]!)
      else total += joint(br, 0, a, b, maxB, targetCols[br]!, 1)
    }
    for (let s = lzSameStart[id]!; s < lzSameStart[id + 1]!; s++)
      total += lzSameCoef[s]! * val[lzSameTarget[s]!]!
    val[id] = total
  }
  /**
   * `evaluate` of a state whose part is 0 or valued ahead (`EAGER_NONE`, `EAGER_AHEAD`): one read,
   * then its `SAME` terms.
   */
  const evaluateSummed = (id: number, a: number, b: number) => {
    let total = 0
    if (mode[id] === EAGER_AHEAD) {
      if (b > done[id]!) eager.ahead(id, a, b)
      total = sums[sumsAt[id]! + b - 1]!
    }
    lower[id] = total
    for (let s = ownStart[id]!; s < ownStart[id + 1]!; s++) total += ownCoef[s]! * val[ownTarget[s]!]!
    val[id] = total
  }
  /** An `EAGER_CELL` state at cell (a, b): its branches one by one (damage to A from the row's sums). */
  const evaluate = (id: number, a: number, b: number) => {
    let total = sumsAt[id]! >= 0 && hiA[id]! >= a ? sums[sumsAt[id]! + b - 1]! : 0
    let refs = 0
    const first = branchStart[id]!
    const last = branchStart[id + 1]!
    for (let br = first; br < last; br++) {
      const kind = branchKind[br]!
      if (kind === SAME) continue
      const cols = targetCols[br]!
      if (kind === DAMAGE_A) {
        if (!lazy[id]) continue
        // down the column of the target's table, a row apart per HP (A knocked out: 0)
        const at = targetAt[br]! + (a - 1) * cols + b - 1
        const d = branchDist[br]!
        const end = distStart[d + 1]!
        let sum = 0
        for (let j = distStart[d]!; j < end; j++) {
          const v = distValue[j]!
          if (v >= a) break
          sum += distProb[j]! * grid[at - v * cols]!
        }
        total += branchP[br]! * sum
      } else if (kind === DAMAGE_B) {
        const at = targetAt[br]! + (a - 1) * cols + b - 1
        const d = branchDist[br]!
        const end = distStart[d + 1]!
        let sum = 0
        let j = distStart[d]!
        for (; j < end; j++) {
          const v = distValue[j]!
          if (v >= b) break
          sum += distProb[j]! * grid[at - v]!
        }
        if (j < end) sum += distTail[j]!
        total += branchP[br]! * sum
      } else if (kind === JOINT_B) {
        total += joint(br, 1, b, a, maxA, 1, cols)
      } else if (kind === JOINT_A) {
        total += joint(br, 0, a, b, maxB, cols, 1)
      } else if (kind === POINT) {
        runPoint(branchOps[br]!, a, b, maxA, maxB, point)
        if (point.winner === 0) total += branchP[br]!
        else if (point.winner === -1) {
          if (point.a === a && point.b === b) {
            cells.returned = true
            retTarget[first + refs] = branchTarget[br]!
            retCoef[first + refs] = branchP[br]!
            refs++
          } else total += branchP[br]! * grid[targetAt[br]! + (point.a - 1) * cols + point.b - 1]!
        }
      } else if (kind === GENERAL) {
        general ??= createGeneralEvaluator(maxA, maxB)
        general.run(branchOps[br]!, a, b, branchP[br]!, grid, targetAt[br]!, cols, sink)
        total += sink.lower
        if (sink.same > 0) {
          cells.returned = true
          retTarget[first + refs] = branchTarget[br]!
          retCoef[first + refs] = sink.same
          refs++
        }
      }
    }
    lower[id] = total
    retCount[id] = refs
    for (let s = ownStart[id]!; s < ownStart[id + 1]!; s++) total += ownCoef[s]! * val[ownTarget[s]!]!
    val[id] = total
  }

  return cells
}
