import { DAMAGE_A, DAMAGE_B, type Layout } from './layout.ts'

/**
 * The part of each pair's payoff that does not depend on the cell's turn-start values (`constQ`,
 * see `pair-values.ts`), as one flat list per pair: every damage sum of its first-action states,
 * weighted by the entry's and the branch's probability, then the values of other states it reads.
 *
 * Why: valuing a pair through its first-action states (a stamp per state, its program, then the
 * entries) costs more in indirections than in arithmetic (a few damage values per sum); one loop
 * over a precomputed list does the same sums. Pairs whose first-action states have recoil or drain
 * (`JOINT_…`) or are not valued on demand keep the general path (`flat[k]` = 0).
 */
export interface PairPrograms {
  /** 1 when pair k is valued by its list (else by its first-action states' values). */
  readonly flat: Uint8Array
  /** Damage sums of pair k: `sumStart[k] … sumStart[k + 1] − 1`. */
  readonly sumStart: Int32Array
  /** DAMAGE_B (sums along a row of `grid`) or DAMAGE_A (down a column: `sumStride` apart). */
  readonly sumKind: Uint8Array
  /** Entry probability × branch probability. */
  readonly sumWeight: Float64Array
  /** The distribution's entries `distFrom … distTo − 1` (see `Layout.distStart`). */
  readonly sumFrom: Int32Array
  readonly sumTo: Int32Array
  /** Where the target's table starts, and its row width (the step down a column for DAMAGE_A). */
  readonly sumAt: Int32Array
  readonly sumStride: Int32Array
  /** Values read at the same cell: `termStart[k] … termStart[k + 1] − 1` (state, weight). */
  readonly termStart: Int32Array
  readonly termNode: Int32Array
  readonly termWeight: Float64Array
  /**
   * How many cells of a row pair k's sums can be valued from the first one reached: the least
   * damage its sums deal to B (they read the row that far back); unbounded (2^30) without any.
   */
  readonly ahead: Int32Array
}

/** What a state valued on demand does at a cell (see `lazyPrograms` in `cell-tables.ts`). */
export interface LazyProgram {
  readonly start: Int32Array
  readonly kind: Uint8Array
  readonly branch: Int32Array
  readonly at: Int32Array
  readonly stride: Int32Array
  readonly sameStart: Int32Array
  readonly sameTarget: Int32Array
  readonly sameCoef: Float64Array
}

const UNBOUNDED = 1 << 30

/** @example const programs = pairPrograms(layout, lazy, program) */
export function pairPrograms(layout: Layout, lazy: Uint8Array, program: LazyProgram): PairPrograms {
  const { count, pairStart, entryStart, entryP, entryNode, branchP, branchDist, distStart } = layout
  const pairs = pairStart[count]!
  const flat = new Uint8Array(pairs)
  const sumStart = new Int32Array(pairs + 1)
  const termStart = new Int32Array(pairs + 1)
  const ahead = new Int32Array(pairs).fill(UNBOUNDED)
  const kind: number[] = []
  const weight: number[] = []
  const from: number[] = []
  const to: number[] = []
  const at: number[] = []
  const stride: number[] = []
  const termNode: number[] = []
  const termWeight: number[] = []
  for (let k = 0; k < pairs; k++) {
    sumStart[k] = kind.length
    termStart[k] = termNode.length
    let simple = true
    for (let e = entryStart[k]!; e < entryStart[k + 1]!; e++) {
      const node = entryNode[e]!
      if (!lazy[node]) continue
      for (let i = program.start[node]!; i < program.start[node + 1]!; i++)
        if (program.kind[i] !== DAMAGE_A && program.kind[i] !== DAMAGE_B) simple = false
    }
    if (!simple) continue
    flat[k] = 1
    for (let e = entryStart[k]!; e < entryStart[k + 1]!; e++) {
      const node = entryNode[e]!
      const p = entryP[e]!
      if (!lazy[node]) {
        termNode.push(node)
        termWeight.push(p)
        continue
      }
      for (let i = program.start[node]!; i < program.start[node + 1]!; i++) {
        const br = program.branch[i]!
        const d = branchDist[br]!
        kind.push(program.kind[i]!)
        if (program.kind[i] === DAMAGE_B) ahead[k] = Math.min(ahead[k]!, layout.distValue[distStart[d]!]!)
        weight.push(p * branchP[br]!)
        from.push(distStart[d]!)
        to.push(distStart[d + 1]!)
        at.push(program.at[i]!)
        stride.push(program.stride[i]!)
      }
      for (let s = program.sameStart[node]!; s < program.sameStart[node + 1]!; s++) {
        termNode.push(program.sameTarget[s]!)
        termWeight.push(p * program.sameCoef[s]!)
      }
    }
  }
  sumStart[pairs] = kind.length
  termStart[pairs] = termNode.length
  return {
    flat,
    sumStart,
    sumKind: new Uint8Array(kind),
    sumWeight: new Float64Array(weight),
    sumFrom: new Int32Array(from),
    sumTo: new Int32Array(to),
    sumAt: new Int32Array(at),
    sumStride: new Int32Array(stride),
    termStart,
    termNode: new Int32Array(termNode),
    termWeight: new Float64Array(termWeight),
    ahead,
  }
}

/** The distributions and tables a pair's list reads (see `Layout`, `CellEvaluator`). */
export interface PairTables {
  readonly distValue: Int32Array
  readonly distProb: Float64Array
  readonly distTail: Float64Array
  readonly grid: Float64Array
  readonly val: Float64Array
}

/**
 * Pair k's damage sums at cells `lo … hi` of row a, each weighted and added in the list's order,
 * into `out[at + b − lo]`: the hottest loop of a solve. The same-cell terms are left out (see
 * `pairTerms`): they read the cell's own values, known only when the cell is reached.
 *
 * Why a stretch of cells at once: a pair read at a cell is read again at the next ones (the
 * guess's row and column stay), and the call, the list's set-up and each sum's set-up then cost
 * once per stretch instead of once per cell. The stretch must read only finished cells: damage to
 * B at cell b reads the row at b − v, so at most `ahead[k]` cells (the least damage to B) are
 * valued before the first of them is reached (see `PairValues`). Each cell adds the same terms in
 * the same order as one cell at a time: the same values to the bit.
 *
 * @example const sums = createPairSums(programs, tables); sums(k, a, b, b, out, 0)
 */
export function createPairSums(
  programs: PairPrograms,
  tables: PairTables,
): (k: number, a: number, lo: number, hi: number, out: Float64Array, at: number) => void {
  const { sumStart, sumKind, sumWeight, sumFrom, sumTo, sumAt, sumStride } = programs
  const { distValue, distProb, grid } = tables
  // one sum's value per cell of the stretch, its terms added value by value (j outer: the cells'
  // sums are independent, so the inner loop has no chain of additions; each cell still adds its
  // terms in the list's order)
  let part = new Float64Array(64)
  return (k, a, lo, hi, out, at) => {
    const shift = at - lo
    if (part.length <= hi) part = new Float64Array(2 * hi)
    for (let b = lo; b <= hi; b++) out[shift + b] = 0
    for (let i = sumStart[k]!; i < sumStart[k + 1]!; i++) {
      const first = sumFrom[i]!
      const end = sumTo[i]!
      const stride = sumStride[i]!
      const row = sumAt[i]! + (a - 1) * stride - 1
      for (let b = lo; b <= hi; b++) part[b] = 0
      if (sumKind[i] === DAMAGE_B) damageToB(part, lo, hi, row, first, end, tables)
      else {
        for (let j = first; j < end; j++) {
          const v = distValue[j]!
          if (v >= a) break
          const p = distProb[j]!
          const cells = row - v * stride
          for (let b = lo; b <= hi; b++) part[b] = part[b]! + p * grid[cells + b]!
        }
      }
      const weight = sumWeight[i]!
      for (let b = lo; b <= hi; b++) out[shift + b] = out[shift + b]! + weight * part[b]!
    }
  }
}

/**
 * Damage to B at cells `lo … hi` of a row, added to `part[b]` (which the caller zeroes): Σ_j p_j ·
 * grid[row + b − v_j] over the distribution's entries `first … end − 1` with v_j < b, in order,
 * then the knock-out's tail (P(v ≥ b)). Cell b reads the row's cells before b only (at most from
 * b − 1 down): valued along a stretch, these must be final for its every cell.
 *
 * Value by value over the cells (the cells' sums are independent: no chain of additions in the
 * inner loop); each cell still adds its terms in the distribution's order.
 */
export function damageToB(
  part: Float64Array,
  lo: number,
  hi: number,
  row: number,
  first: number,
  end: number,
  tables: Pick<PairTables, 'distValue' | 'distProb' | 'distTail' | 'grid'>,
): void {
  const { distValue, distProb, distTail, grid } = tables
  for (let j = first; j < end; j++) {
    const v = distValue[j]!
    if (v >= hi) break
    const p = distProb[j]!
    const cells = row - v
    for (let b = Math.max(lo, v + 1); b <= hi; b++) part[b] = part[b]! + p * grid[cells + b]!
  }
  // a knock-out: every value from the first that reaches b on, one read of the tail
  let j = first
  for (let b = lo; b <= hi; b++) {
    while (j < end && distValue[j]! < b) j++
    if (j < end) part[b] = part[b]! + distTail[j]!
  }
}

/** Pair k's same-cell terms added to `q` (after its sums, in the list's order). */
export function pairTerms(programs: PairPrograms, val: Float64Array): (k: number, q: number) => number {
  const { termStart, termNode, termWeight } = programs
  return (k, q) => {
    for (let t = termStart[k]!; t < termStart[k + 1]!; t++) q += termWeight[t]! * val[termNode[t]!]!
    return q
  }
}
