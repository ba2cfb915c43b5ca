import { applyJoint, mapCells, massOf } from './apply-cells.ts'
import type { Dist } from './dist.ts'
import type { Grid, GridPool } from './grid.ts'
import { growBox } from './grid.ts'
import type { HpOp } from './kernel.ts'

export { passes } from './apply-cells.ts'

/** Where mass goes when a branch ends the battle: `wins[s]` = P(side s wins) gathered this phase. */
export interface PhaseOutcomes {
  readonly wins: [number, number]
}

/**
 * Applies one branch (its HP ops in order, scaled by `p`) to every cell of `source`, adding the
 * survivors to `target` and battle endings to `outcomes`.
 *
 * Why ops can run one after the other on whole grids: in this engine the side that faints first
 * always loses. A faint in a residual handler ends the battle at once; within a move, if both
 * sides faint the one that fainted last wins — so again the first to faint loses (Explosion's user,
 * or the target of a recoil move that then knocks its user out). Each op therefore moves the mass
 * of a cell that reaches 0 HP straight to the other side's wins, and the rest flows on. A damage op
 * followed by recoil or drain runs as one joint step (the amount depends on the damage dealt).
 *
 * @example
 * applyBranch(source, target, [{ kind: 'damage', side: 1, dist }], 0.9, outcomes, pool)
 */
export function applyBranch(
  source: Grid,
  target: Grid,
  ops: readonly HpOp[],
  p: number,
  outcomes: PhaseOutcomes,
  pool: GridPool,
): void {
  if (p === 0 || source.aMin > source.aMax) return
  if (ops.length === 0) {
    copyScaled(source, target, p)
    return
  }
  let current = source
  let scale = p
  let index = 0
  while (index < ops.length) {
    const op = ops[index]!
    const follow = ops[index + 1]
    const joint =
      op.kind === 'damage' &&
      follow &&
      (follow.kind === 'recoil' || follow.kind === 'drain') &&
      follow.side !== op.side
    const width = joint ? 2 : 1
    const last = index + width >= ops.length
    const out = last ? target : pool.acquire()
    if (joint) applyJoint(current, out, op, follow, scale, outcomes)
    else applyOne(current, out, op, scale, outcomes)
    if (current !== source) pool.release(current)
    current = out
    scale = 1
    index += width
  }
}

function applyOne(source: Grid, target: Grid, op: HpOp, p: number, outcomes: PhaseOutcomes): void {
  switch (op.kind) {
    case 'damage':
      if (op.side === 1) damageB(source, target, op.dist, p, outcomes)
      else damageA(source, target, op.dist, p, outcomes)
      return
    case 'faint':
      outcomes.wins[op.side === 0 ? 1 : 0] += massOf(source) * p
      return
    default:
      mapCells(source, target, op, p, outcomes)
  }
}

/** Adds `p` × source into target. */
export function copyScaled(source: Grid, target: Grid, p: number): void {
  if (source.aMin > source.aMax) return
  growBox(target, source.aMin, source.aMax, source.bMin, source.bMax)
  const data = source.data
  const out = target.data
  for (let a = source.aMin; a <= source.aMax; a++) {
    const from = (a - source.a0) * source.cols - source.b0
    const to = (a - target.a0) * target.cols - target.b0
    for (let b = source.bMin; b <= source.bMax; b++) out[to + b]! += data[from + b]! * p
  }
}

/**
 * A damage distribution as the grid passes read it: cumulative tails (tails[k] = P(value ≥ min + k))
 * and only the values that can happen (a hit's 16 rolls spread over up to twice as many HP values;
 * the others would add 0 · mass: skipping them leaves every sum equal to the bit).
 */
interface DamageTable {
  readonly tails: Float64Array
  /** Offsets k (value min + k) with probs[k] > 0, ascending, then their probabilities. */
  readonly offsets: Int32Array
  readonly probs: Float64Array
}

const tableCache = new WeakMap<Dist, DamageTable>()

/** The damage table of a distribution (cached per distribution). */
function tableOf(dist: Dist): DamageTable {
  const cached = tableCache.get(dist)
  if (cached) return cached
  const tails = new Float64Array(dist.probs.length + 1)
  for (let k = dist.probs.length - 1; k >= 0; k--) tails[k] = tails[k + 1]! + dist.probs[k]!
  const offsets: number[] = []
  dist.probs.forEach((q, k) => {
    if (q !== 0) offsets.push(k)
  })
  const table = {
    tails,
    offsets: new Int32Array(offsets),
    probs: Float64Array.from(offsets, (k) => dist.probs[k]!),
  }
  tableCache.set(dist, table)
  return table
}

function damageB(source: Grid, target: Grid, dist: Dist, p: number, outcomes: PhaseOutcomes): void {
  const data = source.data
  const { tails, offsets, probs } = tableOf(dist)
  const length = dist.probs.length
  const count = offsets.length
  let ko = 0
  if (source.bMax - dist.min >= 1) {
    growBox(target, source.aMin, source.aMax, Math.max(1, source.bMin - dist.max), source.bMax - dist.min)
  }
  const out = target.data
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = (a - source.a0) * source.cols - source.b0
    const to = (a - target.a0) * target.cols - target.b0
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      // value v knocks out when v ≥ b, i.e. index k ≥ b − min
      const firstKo = b - dist.min
      if (firstKo <= 0) {
        ko += m
        continue
      }
      if (firstKo < length) ko += m * tails[firstKo]!
      const base = to + b - dist.min
      for (let j = 0; j < count; j++) {
        const k = offsets[j]!
        if (k >= firstKo) break
        out[base - k]! += m * probs[j]!
      }
    }
  }
  outcomes.wins[0] += ko
}

function damageA(source: Grid, target: Grid, dist: Dist, p: number, outcomes: PhaseOutcomes): void {
  const data = source.data
  const { tails, offsets, probs } = tableOf(dist)
  const length = dist.probs.length
  const count = offsets.length
  let ko = 0
  if (source.aMax - dist.min >= 1) {
    growBox(target, Math.max(1, source.aMin - dist.max), source.aMax - dist.min, source.bMin, source.bMax)
  }
  const out = target.data
  const cols = target.cols
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = (a - source.a0) * source.cols - source.b0
    const firstKo = a - dist.min
    const tail = firstKo <= 0 ? 1 : firstKo < length ? tails[firstKo]! : 0
    // the values that leave A standing: offsets below firstKo
    let standing = 0
    while (standing < count && offsets[standing]! < firstKo) standing++
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      ko += m * tail
      const base = (a - dist.min - target.a0) * cols + b - target.b0
      for (let j = 0; j < standing; j++) out[base - offsets[j]! * cols]! += m * probs[j]!
    }
  }
  outcomes.wins[1] += ko
}
