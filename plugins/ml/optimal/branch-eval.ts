/**
 * Cell-by-cell evaluation of a branch with several HP ops (recoil, drain, healing, Leech Seed, HP
 * tests, residual damage on both sides), with the semantics of `solver/apply.ts`: the first side to
 * faint loses. The cell's mass is carried through the ops as a short list of (HP A, HP B, mass)
 * in reusable buffers: no allocation, no recursion, whatever the branch.
 */
import { passes } from '../solver/apply.ts'
import type { HpOp } from '../solver/kernel.ts'

/** Where a general branch's mass goes from one cell: back to the cell, elsewhere, or a win. */
export interface WalkSink {
  /** Mass that ends where it started (e.g. healing at full HP). */
  same: number
  /** Mass × value of the target at other cells, plus A's wins (worth 1). */
  lower: number
}

/** Evaluates general branches; one per sweep (it owns scratch buffers). */
export interface GeneralEvaluator {
  /**
   * Applies `ops` to cell (a, b) with mass `p`; the target's table starts at `origin` with `cols`
   * columns (value of (x, y) at `grid[origin + (x − 1) · cols + y − 1]`). Results go to `sink`.
   */
  run(
    ops: readonly HpOp[],
    a: number,
    b: number,
    p: number,
    grid: Float64Array,
    origin: number,
    cols: number,
    sink: WalkSink,
  ): void
}

const CAPACITY = 1 << 14

/** @example const general = createGeneralEvaluator(110, 140) */
export function createGeneralEvaluator(maxA: number, maxB: number): GeneralEvaluator {
  let hpA = new Int32Array(CAPACITY)
  let hpB = new Int32Array(CAPACITY)
  let mass = new Float64Array(CAPACITY)
  let nextA = new Int32Array(CAPACITY)
  let nextB = new Int32Array(CAPACITY)
  let nextMass = new Float64Array(CAPACITY)
  // written by `place` (defined once: a closure per call would allocate in the hottest loop)
  let out = 0
  let side = 0
  const place = (ownHp: number, otherHp: number, q: number) => {
    if (out >= CAPACITY) throw new Error('general branch too wide')
    nextA[out] = side === 0 ? ownHp : otherHp
    nextB[out] = side === 0 ? otherHp : ownHp
    nextMass[out++] = q
  }
  return {
    run(ops, a, b, p, grid, origin, cols, sink) {
      let size = 1
      hpA[0] = a
      hpB[0] = b
      mass[0] = p
      let won = 0
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!
        const s = op.side
        const max = s === 0 ? maxA : maxB
        const otherMax = s === 0 ? maxB : maxA
        out = 0
        side = s
        const follow = ops[i + 1]
        const joint =
          op.kind === 'damage' &&
          follow &&
          (follow.kind === 'recoil' || follow.kind === 'drain') &&
          follow.side !== s
        for (let e = 0; e < size; e++) {
          const own = s === 0 ? hpA[e]! : hpB[e]!
          const other = s === 0 ? hpB[e]! : hpA[e]!
          const m = mass[e]!
          switch (op.kind) {
            case 'damage': {
              const { min, probs } = op.dist
              for (let k = 0; k < probs.length; k++) {
                const q = probs[k]! * m
                if (q === 0) continue
                const dealt = min + k
                if (dealt >= own) {
                  if (s === 1) won += q
                  continue
                }
                if (!joint) {
                  place(own - dealt, other, q)
                  continue
                }
                const amount = Math.max(1, Math.round((dealt * follow.num) / follow.den))
                const user = follow.kind === 'recoil' ? other - amount : Math.min(otherMax, other + amount)
                if (user <= 0) {
                  if (s === 0) won += q
                } else place(own - dealt, user, q)
              }
              break
            }
            case 'halve': {
              const left = own - Math.max(1, Math.floor(own / 2))
              if (left <= 0) {
                if (s === 1) won += m
              } else place(left, other, m)
              break
            }
            case 'faint':
              if (s === 1) won += m
              break
            case 'heal':
              place(Math.min(max, own + op.amount), other, m)
              break
            case 'leech': {
              const taken = Math.min(own, op.amount)
              if (own - taken <= 0) {
                if (s === 1) won += m
              } else place(own - taken, Math.min(otherMax, other + taken), m)
              break
            }
            case 'guard':
              if (passes(op.test, own, max)) place(own, other, m)
              break
            default:
              throw new Error(`op ${op.kind} cannot run on its own`)
          }
        }
        if (joint) i++
        const swapA = hpA
        hpA = nextA
        nextA = swapA
        const swapB = hpB
        hpB = nextB
        nextB = swapB
        const swapMass = mass
        mass = nextMass
        nextMass = swapMass
        size = out
      }
      let lower = won
      let same = 0
      for (let e = 0; e < size; e++) {
        if (hpA[e] === a && hpB[e] === b) same += mass[e]!
        else lower += mass[e]! * grid[origin + (hpA[e]! - 1) * cols + hpB[e]! - 1]!
      }
      sink.lower = lower
      sink.same = same
    },
  }
}

/** Outcome of `runPoint`: the cell reached, or who won (`winner` ≥ 0), or nothing (a failed test). */
export interface PointOutcome {
  a: number
  b: number
  /** −1 battle goes on at (a, b); 0 / 1 that side won; 2 the branch does not apply to this cell. */
  winner: number
}

/** True when every op of a branch moves a cell to one cell (point masses, healing, tests, halving). */
export function isPointBranch(ops: readonly HpOp[]): boolean {
  return ops.every(
    (op) =>
      (op.kind === 'damage' && op.dist.min === op.dist.max && op.dist.min >= 1) ||
      op.kind === 'heal' ||
      op.kind === 'guard' ||
      op.kind === 'halve' ||
      op.kind === 'faint' ||
      op.kind === 'leech',
  )
}

/** Applies a point branch (see `isPointBranch`) to cell (a, b), writing into `out`. */
export function runPoint(
  ops: readonly HpOp[],
  a: number,
  b: number,
  maxA: number,
  maxB: number,
  out: PointOutcome,
): void {
  let hpA = a
  let hpB = b
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!
    const s = op.side
    const own = s === 0 ? hpA : hpB
    const max = s === 0 ? maxA : maxB
    let next = own
    switch (op.kind) {
      case 'damage':
        next = own - op.dist.min
        break
      case 'halve':
        next = own - Math.max(1, Math.floor(own / 2))
        break
      case 'faint':
        next = 0
        break
      case 'heal':
        next = Math.min(max, own + op.amount)
        break
      case 'leech': {
        const taken = Math.min(own, op.amount)
        next = own - taken
        if (next > 0) {
          if (s === 0) hpB = Math.min(maxB, hpB + taken)
          else hpA = Math.min(maxA, hpA + taken)
        }
        break
      }
      case 'guard':
        if (!passes(op.test, own, max)) {
          out.winner = 2
          return
        }
        break
      default:
        throw new Error(`op ${op.kind} is not a point op`)
    }
    if (next <= 0) {
      out.winner = 1 - s
      return
    }
    if (s === 0) hpA = next
    else hpB = next
  }
  out.a = hpA
  out.b = hpB
  out.winner = -1
}
