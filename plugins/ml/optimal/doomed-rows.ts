import type { SweepGraph } from './graph.ts'
import { DAMAGE_A, type Layout, SAME } from './layout.ts'
import type { Reach } from './reach.ts'
import type { Strategies } from './strategies.ts'
import { sweepOrder } from './sweep-order.ts'

/**
 * Where A has lost whatever happens next: per state, the rows (A's HP) up to `upTo[id]` in which
 * P(A wins) is exactly 0 at every B's HP, because B has a move that leaves A no way to win.
 *
 * Why: in a median game ≈ 14 % of the value cells are such rows (the foe moves first and its
 * weakest hit knocks A out, or leads only to more of the same), and the sweep computed every one
 * of them to find 0. Now it skips them: their tables keep the 0 they start with.
 *
 * How (a greatest fixed point, sound by construction): a chance state is lost at row a when every
 * branch either knocks A out or leads to a state lost at the row it leads to — damage to A of at
 * least v from a row ≤ Z reaches rows ≤ Z − v, an outcome that changes no HP stays in the row; any
 * other branch (damage to B, healing, an HP test…) might let A win, so it stops the bound at 0. A
 * turn start is lost up to the highest bound one column of B's achieves against every row of A's:
 * playing that column (`column[id]`), B keeps A in lost states until A faints — or forever, and a
 * battle that never ends is not a win. Bounds start at A's full HP and only decrease; the rows
 * found once nothing decreases are closed under every branch, hence lost.
 */
export interface DoomedRows {
  /** Per state: rows 1 … upTo[id] are lost for A at every B's HP (0: none). */
  readonly upTo: Int32Array
  /** Per turn state: the column (B's choice) that keeps A lost in those rows. */
  readonly column: Int32Array
}

/** Passes of the bound before giving up (then nothing is skipped: an unsettled bound proves nothing). */
const MAX_PASSES = 1000

/**
 * @returns null for a game swept several times (healing: each sweep from the last one's values,
 *   see `SweepOrder`; none of its rows is lost by this argument anyway).
 * @example const doomed = doomedRows(graph, layout); const reach = sweepReach(reach, doomed)
 */
export function doomedRows(graph: SweepGraph, layout: Layout): DoomedRows | null {
  if (sweepOrder(layout).kind === 'repeat') return null
  const { count, branchStart, branchKind, branchTarget, branchDist, distStart, distValue } = layout
  const { pairStart, entryStart, entryNode } = layout
  const [maxA] = graph.maxHp
  const upTo = new Int32Array(count).fill(maxA)
  const column = new Int32Array(count)
  const cols = new Int32Array(count)
  const rows = new Int32Array(count)
  const isTurn = new Uint8Array(count)
  for (const turn of graph.turns) {
    isTurn[turn.id] = 1
    rows[turn.id] = turn.rows.length
    cols[turn.id] = turn.cols.length
  }
  const boundOf = (id: number): number => {
    if (isTurn[id]) {
      let best = 0
      for (let c = 0; c < cols[id]!; c++) {
        let worst = maxA
        for (let r = 0; r < rows[id]!; r++) {
          const k = pairStart[id]! + r * cols[id]! + c
          for (let e = entryStart[k]!; e < entryStart[k + 1]!; e++)
            worst = Math.min(worst, upTo[entryNode[e]!]!)
        }
        if (worst > best) {
          best = worst
          column[id] = c
        }
      }
      return best
    }
    let bound = maxA
    for (let br = branchStart[id]!; br < branchStart[id + 1]! && bound > 0; br++) {
      const kind = branchKind[br]!
      const target = upTo[branchTarget[br]!]!
      if (kind === SAME) bound = Math.min(bound, target)
      else if (kind === DAMAGE_A) bound = Math.min(bound, target + distValue[distStart[branchDist[br]!]!]!)
      else bound = 0
    }
    return bound
  }
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = false
    for (let id = count - 1; id >= 0; id--) {
      const bound = boundOf(id)
      if (bound < upTo[id]!) {
        upTo[id] = bound
        moved = true
      }
    }
    if (!moved) return { upTo, column }
  }
  return null
}

/**
 * The reach the sweep uses: `reach` without the lost rows (their top set to 0), so that no state
 * is valued, read ahead or checked there; the same table geometry (`hiA`, `hiB`, `rowAt`).
 *
 * @param into where the new tops go (as long as `reach.rowTop`: e.g. a view of a lent buffer)
 */
export function sweepReach(
  reach: Reach,
  doomed: DoomedRows | null,
  into: Int32Array = new Int32Array(reach.rowTop.length),
): Reach {
  if (!doomed) return reach
  const rowTop = into
  rowTop.set(reach.rowTop)
  for (let id = 0; id < doomed.upTo.length; id++) {
    const last = Math.min(doomed.upTo[id]!, reach.hiA[id]!)
    if (last > 0) rowTop.fill(0, reach.rowAt[id]!, reach.rowAt[id]! + last)
  }
  return { ...reach, rowTop }
}

/**
 * Records the strategies of the lost rows the sweep skipped, at every cell a battle reaches: B's
 * column that keeps A lost, A's first choice (every choice of A's is worth 0 there).
 */
export function recordDoomed(
  strategies: Strategies,
  graph: SweepGraph,
  reach: Reach,
  doomed: DoomedRows | null,
): void {
  if (!doomed) return
  for (const turn of graph.turns) {
    const id = turn.id
    const rowsOf = strategies.row[id]
    const colsOf = strategies.col[id]
    const last = Math.min(doomed.upTo[id]!, reach.hiA[id]!)
    if (!rowsOf || !colsOf || last <= 0) continue
    const hiB = reach.hiB[id]!
    for (let a = 1; a <= last; a++) {
      const top = reach.rowTop[reach.rowAt[id]! + a - 1]!
      rowsOf.fill(0, (a - 1) * hiB, (a - 1) * hiB + top)
      colsOf.fill(doomed.column[id]!, (a - 1) * hiB, (a - 1) * hiB + top)
    }
  }
}
