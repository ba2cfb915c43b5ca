import { createGeneralEvaluator, runPoint } from './branch-eval.ts'
import type { GameGraph } from './graph.ts'
import { DAMAGE_A, DAMAGE_B, GENERAL, JOINT_A, JOINT_B, type Layout, POINT, SAME } from './layout.ts'
import type { Reach } from './reach.ts'

/**
 * Evaluates a chance state's branches at one HP cell: what comes from other cells (already valued,
 * or from the previous sweep for healing) and wins is summed into `lower[id]`; branches that come
 * back to this very cell are listed as (target, coefficient) in `same…` for the cell's fixed point.
 */
export interface CellEvaluator {
  readonly lower: Float64Array
  readonly sameCount: Int32Array
  /** Same-cell terms of state `id` at `Layout.branchStart[id] + r`, r < sameCount[id]. */
  readonly sameTarget: Int32Array
  readonly sameCoef: Float64Array
  /** Set when an HP-changing branch came back to the cell (heal at full HP, a failed HP test). */
  returned: boolean
  evaluate(id: number, a: number, b: number): void
}

/** @example const cells = createCellEvaluator(graph, reach, layout, layout.grid) */
export function createCellEvaluator(
  graph: GameGraph,
  reach: Reach,
  layout: Layout,
  grid: Float64Array,
): CellEvaluator {
  const { hiB } = reach
  const { count, gridAt, branchStart, branchKind, branchP, branchTarget, branchDist, branchOps } = layout
  const { distStart, distValue, distProb, distTail, branchDeltaAt, branchDelta } = layout
  const maxA = graph.game.sides[0].battlers[0]!.maxhp
  const maxB = graph.game.sides[1].battlers[0]!.maxhp
  const lower = new Float64Array(count)
  const sameCount = new Int32Array(count)
  const sameTarget = new Int32Array(branchStart[count]!)
  const sameCoef = new Float64Array(branchStart[count]!)
  const sink = { same: 0, lower: 0 }
  const general = createGeneralEvaluator(maxA, maxB)
  const point = { a: 0, b: 0, winner: -1 }
  const cells: CellEvaluator = {
    lower,
    sameCount,
    sameTarget,
    sameCoef,
    returned: false,
    evaluate: (id, a, b) => evaluate(id, a, b),
  }
  const evaluate = (id: number, a: number, b: number) => {
    let total = 0
    let refs = 0
    const first = branchStart[id]!
    for (let br = first; br < branchStart[id + 1]!; br++) {
      const kind = branchKind[br]!
      const target = branchTarget[br]!
      if (kind === SAME) {
        sameTarget[first + refs] = target
        sameCoef[first + refs] = branchP[br]!
        refs++
        continue
      }
      const cols = hiB[target]!
      const at = gridAt[target]! + (a - 1) * cols + b - 1
      if (kind === DAMAGE_B) {
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
      } else if (kind === DAMAGE_A) {
        const d = branchDist[br]!
        const end = distStart[d + 1]!
        let sum = 0
        for (let j = distStart[d]!; j < end; j++) {
          const v = distValue[j]!
          if (v >= a) break
          sum += distProb[j]! * grid[at - v * cols]!
        }
        total += branchP[br]! * sum
      } else if (kind === JOINT_B) {
        // B takes the hit (B fainting first is A's win), then A's recoil or drain
        const d = branchDist[br]!
        const start = distStart[d]!
        const end = distStart[d + 1]!
        const deltaBase = branchDeltaAt[br]! - start
        const origin = gridAt[target]! - cols - 1
        let sum = 0
        for (let j = start; j < end; j++) {
          const v = distValue[j]!
          if (v >= b) {
            sum += distProb[j]!
            continue
          }
          const user = Math.min(maxA, a + branchDelta[deltaBase + j]!)
          if (user > 0) sum += distProb[j]! * grid[origin + user * cols + b - v]!
        }
        total += branchP[br]! * sum
      } else if (kind === JOINT_A) {
        const d = branchDist[br]!
        const start = distStart[d]!
        const end = distStart[d + 1]!
        const deltaBase = branchDeltaAt[br]! - start
        const origin = gridAt[target]! - cols - 1
        let sum = 0
        for (let j = start; j < end; j++) {
          const v = distValue[j]!
          if (v >= a) continue
          const user = Math.min(maxB, b + branchDelta[deltaBase + j]!)
          sum += user > 0 ? distProb[j]! * grid[origin + (a - v) * cols + user]! : distProb[j]!
        }
        total += branchP[br]! * sum
      } else if (kind === POINT) {
        runPoint(branchOps[br]!, a, b, maxA, maxB, point)
        if (point.winner === 0) total += branchP[br]!
        else if (point.winner === -1) {
          if (point.a === a && point.b === b) {
            cells.returned = true
            sameTarget[first + refs] = target
            sameCoef[first + refs] = branchP[br]!
            refs++
          } else total += branchP[br]! * grid[gridAt[target]! + (point.a - 1) * cols + point.b - 1]!
        }
      } else if (kind === GENERAL) {
        general.run(branchOps[br]!, a, b, branchP[br]!, grid, gridAt[target]!, cols, sink)
        total += sink.lower
        if (sink.same > 0) {
          cells.returned = true
          sameTarget[first + refs] = target
          sameCoef[first + refs] = sink.same
          refs++
        }
      }
    }
    lower[id] = total
    sameCount[id] = refs
  }

  return cells
}
