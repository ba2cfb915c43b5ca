import { DAMAGE_A, DAMAGE_B, JOINT_A, JOINT_B, type Layout, SAME } from './layout.ts'
import { damageToB } from './pair-programs.ts'
import type { Reach } from './reach.ts'

/** How an eager chance state's own part (`CellEvaluator.lower`) is found at a cell. */
/** Only `SAME` branches: its part is 0. */
export const EAGER_NONE = 0
/**
 * Damage on either side, with or without the attacker's recoil or drain: its part is valued a
 * stretch of cells ahead (`EagerSums`).
 */
export const EAGER_AHEAD = 1
/** Other HP ops (healing, HP tests, residual damage…): evaluated branch by branch at each cell. */
export const EAGER_CELL = 2

/**
 * The eager chance states' own parts valued for a stretch of cells at once, before the cells that
 * read them, into `sums[at[id] + b − 1]` (cell b of the current row).
 *
 * Why: a median game evaluates ≈ 50 eager states per cell with only a few terms each, so a call,
 * a dispatch per branch and each sum's set-up cost more than the arithmetic; valued a stretch at a
 * time, a state costs one read per cell.
 *
 * - Damage to A reads rows below the current one only: its sums over a stretch are made when the
 *   stretch starts (`sum`), row by row of the target (contiguous reads, one multiply-add per value
 *   and cell) instead of cell by cell down a column of the table.
 * - Damage to B at cell b reads the row at b − v: finished only for the cells before the first
 *   one not yet swept. So when cell b is reached and has no value yet (`ahead`), the cells from b
 *   on are valued as far as the least damage to B of the state's branches, those sums then only
 *   reading cells before b. With the attacker's recoil, A's row drops (done rows); with its drain,
 *   A's row rises (swept in blocks of B's HP no wider than the least drain hit, see `SweepOrder`:
 *   the cells read above are in an earlier block; repeated sweeps read the last one's) or stays
 *   at A's full HP (the same row, before b).
 * - Damage to A with B's recoil or drain reads rows below only, as damage to A does; it is valued
 *   with the other branches when the state's first cell of the stretch is reached (branch order).
 *
 * Each cell adds the same terms in the same order as `CellEvaluator.evaluate` one cell at a time
 * (the damage to A first, then the other branches in branch order, each of its values in order,
 * then a knock-out's tail): the same values to the bit, however a row is cut in stretches and
 * whichever thread sweeps it.
 */
export interface EagerSums {
  /** Per state: `EAGER_NONE`, `EAGER_AHEAD` or `EAGER_CELL`. */
  readonly mode: Uint8Array
  /**
   * Per state: where its row of sums starts in `sums` (−1: none); every `EAGER_AHEAD` state has
   * one, an `EAGER_CELL` state one with its damage to A only.
   */
  readonly at: Int32Array
  readonly sums: Float64Array
  /** Per `EAGER_AHEAD` state: the last cell of the current stretch that has its full sum. */
  readonly done: Int32Array
  /** Starts the stretch `from … to` of row `a`: every state's damage to A, none of its damage to B. */
  sum(a: number, from: number, to: number): void
  /** Adds state `id`'s damage to B at cells b … (as far as it may) of the stretch (b > `done[id]`). */
  ahead(id: number, a: number, b: number): void
}

/** No damage to B: a state's sums can all be made from its first cell of a stretch. */
const UNBOUNDED = 1 << 30

/**
 * @param lazy states valued on demand (see `lazyStates`): not eager, so not valued here.
 * @param maxHp A's and B's full HP (drain stops there).
 * @example const eager = eagerSums(layout, reach, grid, lazy, graph.maxHp); eager.sum(a, from, to)
 */
export function eagerSums(
  layout: Layout,
  reach: Reach,
  grid: Float64Array,
  lazy: Uint8Array,
  maxHp: readonly [number, number],
): EagerSums {
  const { count, branchStart, branchKind, branchP, branchDist, branchTarget, gridAt } = layout
  const { branchDeltaAt, branchDelta } = layout
  const [maxA, maxB] = maxHp
  const { distStart, distValue, distProb, distTail } = layout
  const tables = { distValue, distProb, distTail, grid }
  const { hiA, hiB, rowAt, rowTop } = reach
  const mode = new Uint8Array(count)
  const at = new Int32Array(count).fill(-1)
  const reachOf = new Int32Array(count).fill(UNBOUNDED)
  // 1: the state has branches other than damage to A (valued when its cells are reached)
  const others = new Uint8Array(count)
  const nodes: number[] = []
  let size = 0
  for (let id = 0; id < count; id++) {
    let own = false
    let cell = false
    let damageA = false
    for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
      const kind = branchKind[br]!
      if (kind === SAME) continue
      own = true
      if (kind === DAMAGE_A) damageA = true
      else if (kind === DAMAGE_B || kind === JOINT_B)
        reachOf[id] = Math.min(reachOf[id]!, distValue[distStart[branchDist[br]!]!]!)
      else if (kind !== JOINT_A) cell = true
      if (kind !== DAMAGE_A) others[id] = 1
    }
    mode[id] = lazy[id] || cell ? EAGER_CELL : own ? EAGER_AHEAD : EAGER_NONE
    // a row of sums for damage to A (`CellEvaluator.evaluate` reads it for the other states too)
    if (lazy[id] || hiA[id]! === 0 || (!damageA && mode[id] !== EAGER_AHEAD)) continue
    at[id] = size
    size += hiB[id]!
    nodes.push(id)
  }
  const sums = new Float64Array(size)
  const done = new Int32Array(count)
  let part = new Float64Array(64)
  let stretchTo = 0

  /**
   * State `id`'s branches other than damage to A at cells `lo … hi` of row a, in branch order,
   * each summed into `part` (as `CellEvaluator.evaluate` sums it at a cell) and added weighted.
   */
  const othersAlong = (id: number, a: number, lo: number, hi: number) => {
    if (part.length <= hi) part = new Float64Array(2 * hi + 2)
    const base = at[id]! - 1
    for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
      const kind = branchKind[br]!
      if (kind === SAME || kind === DAMAGE_A) continue
      const d = branchDist[br]!
      const cols = hiB[branchTarget[br]!]!
      const row = gridAt[branchTarget[br]!]! + (a - 1) * cols - 1
      for (let b = lo; b <= hi; b++) part[b] = 0
      if (kind === DAMAGE_B) damageToB(part, lo, hi, row, distStart[d]!, distStart[d + 1]!, tables)
      else jointAlong(br, a, lo, hi)
      const p = branchP[br]!
      for (let b = lo; b <= hi; b++) sums[base + b] = sums[base + b]! + p * part[b]!
    }
  }
  /**
   * A hit, then the attacker's recoil or drain, as `joint` in `cell-eval.ts` sums it: on B
   * (`JOINT_B`: B knocked out is 1, A fainting from recoil 0, A at `user`, B at b − v) or on A
   * (`JOINT_A`: A knocked out is 0, B fainting from recoil 1, A at a − v, B at `user`).
   */
  const jointAlong = (br: number, a: number, lo: number, hi: number) => {
    const d = branchDist[br]!
    const cols = hiB[branchTarget[br]!]!
    const deltaBase = branchDeltaAt[br]! - distStart[d]!
    const origin = gridAt[branchTarget[br]!]! - cols - 1
    const onB = branchKind[br] === JOINT_B
    for (let j = distStart[d]!; j < distStart[d + 1]!; j++) {
      const v = distValue[j]!
      const p = distProb[j]!
      const delta = branchDelta[deltaBase + j]!
      if (onB) {
        const user = Math.min(maxA, a + delta)
        for (let b = lo; b <= Math.min(hi, v); b++) part[b] = part[b]! + 1 * p
        const cells = origin + user * cols - v
        for (let b = Math.max(lo, v + 1); b <= hi; b++)
          part[b] = part[b]! + p * (user > 0 ? grid[cells + b]! : 0)
      } else if (v >= a) {
        for (let b = lo; b <= hi; b++) part[b] = part[b]! + 0 * p
      } else {
        const cells = origin + (a - v) * cols
        for (let b = lo; b <= hi; b++) {
          const user = Math.min(maxB, b + delta)
          part[b] = part[b]! + p * (user > 0 ? grid[cells + user]! : 1)
        }
      }
    }
  }

  return {
    mode,
    at,
    sums,
    done,
    sum(a, from, to) {
      stretchTo = to
      for (const id of nodes) {
        if (hiA[id]! < a) continue
        const base = at[id]!
        const first = from - 1
        // the cells of the row this state reaches (see `reachRows`)
        const end = Math.min(to, rowTop[rowAt[id]! + a - 1]!)
        done[id] = mode[id] === EAGER_AHEAD && others[id] ? first : end
        if (end <= first) continue
        sums.fill(0, base + first, base + end)
        for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
          if (branchKind[br] !== DAMAGE_A) continue
          const d = branchDist[br]!
          const cols = hiB[branchTarget[br]!]!
          const origin = gridAt[branchTarget[br]!]! - cols
          const p = branchP[br]!
          for (let j = distStart[d]!; j < distStart[d + 1]!; j++) {
            const v = distValue[j]!
            if (v >= a) break
            const q = p * distProb[j]!
            const row = origin + (a - v) * cols
            for (let b = first; b < end; b++) sums[base + b] = sums[base + b]! + q * grid[row + b]!
          }
        }
      }
    },
    ahead(id, a, b) {
      const last = Math.min(stretchTo, b + reachOf[id]! - 1, rowTop[rowAt[id]! + a - 1]!)
      othersAlong(id, a, b, last)
      done[id] = last
    },
  }
}
