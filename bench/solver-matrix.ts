/**
 * The best-move matrix of the 188 forms, solved exactly: for every unordered pair {A, B}, each
 * side's 4 damaging moves with the highest expected damage against the other, the 16 move pairs
 * solved once (solving A vs B also answers B vs A), then for each direction the move whose worst
 * reply is best. Shared by `bench/solver.ts` (main thread) and its workers.
 */
import type { LgpeEngine } from '../plugins/ml/battle/engine.ts'
import { createContext, type SolveContext } from '../plugins/ml/solver/context.ts'
import { entries } from '../plugins/ml/solver/dist.ts'
import { hitEffect } from '../plugins/ml/solver/hit.ts'
import { type Solver, UnsupportedMechanic } from '../plugins/ml/solver/index.ts'
import { initialMode } from '../plugins/ml/solver/mode.ts'
import { hitCounts } from '../plugins/ml/solver/multihit.ts'

export interface MatrixCell {
  a: string
  b: string
  /** A's best move against B's minimising reply, with that worst-case P(A wins). */
  move: string
  winProbability: number
}

export interface PairResult {
  cells: [MatrixCell, MatrixCell]
  solves: number
  sampled: number
}

/** Expected damage per turn spent (accuracy, hits and charge turns included) of `move` from A to B. */
function expectedDamage(ctx: SolveContext, move: string): number {
  const m = ctx.dex.moves.get(move)
  const target = ctx.battlers[1]
  if (m.category === 'Status' || m.selfdestruct || ['counter', 'mirrorcoat', 'bide'].includes(m.id)) return 0
  if (!m.ignoreImmunity && ctx.types.immune(m.type, target.types)) return 0
  const effect = hitEffect(ctx, initialMode(), 0, m)
  const perHit =
    effect.kind === 'dist'
      ? entries(effect.dist).reduce((s, [v, p]) => s + v * p, 0)
      : effect.kind === 'ohko'
        ? target.maxhp
        : target.maxhp / 2
  const hits = hitCounts(m).reduce((s, [k, p]) => s + k * p, 0)
  const accuracy = m.ohko ? 0.3 : m.accuracy === true ? 1 : m.accuracy / 100
  return (perHit * hits * accuracy) / (m.flags.charge || m.self?.volatileStatus === 'mustrecharge' ? 2 : 1)
}

/** The 4 damaging moves of `a` with the highest expected damage against `b` (ties: id order). */
export function bestFour(engine: LgpeEngine, solver: Solver, a: string, b: string): string[] {
  const legal = solver.factory.legal
  const moves = legal.of(a).filter((id) => engine.dex.moves.get(id).category !== 'Status')
  if (moves.length === 0) return []
  // one context for every move: the damage rules read the move given, not the battler's own
  const attacker = solver.factory.battler(a, moves[0]!)
  const target = solver.factory.battler(b, legal.of(b)[0]!)
  const ctx = createContext(engine.dex, [attacker, target], solver.types)
  return moves
    .map((id) => ({ id, value: expectedDamage(ctx, id) }))
    .sort((x, y) => y.value - x.value || x.id.localeCompare(y.id))
    .slice(0, 4)
    .map((x) => x.id)
}

/**
 * Readies everything a solve reads once per form (stats through the engine, legal moves), so that
 * a timed sample measures the matrix's own work: the whole matrix pays this once per worker.
 */
export function warmForms(engine: LgpeEngine, solver: Solver): void {
  for (const species of engine.legalSpecies) {
    const first = solver.factory.legal.of(species)[0]
    if (first) solver.factory.battler(species, first)
  }
}

/**
 * Both directions of one unordered pair, by branch and bound: a direction's value is max over its
 * moves of the min over the replies, so once a move's running min is no better than the best
 * move so far (moves in index order, ties to the first as without pruning), its other replies
 * need no solve. Moves come strongest first, so the first row is usually the answer and the
 * others fall after one reply. A solve serves both directions. Declined pairs count as `sampled`
 * and are left out of the min.
 */
export function solvePair(engine: LgpeEngine, solver: Solver, a: string, b: string): PairResult {
  const movesA = bestFour(engine, solver, a, b)
  const movesB = bestFour(engine, solver, b, a)
  const solved = new Map<string, { win: number; lose: number } | null>()
  let solves = 0
  let sampled = 0
  const cell = (i: number, j: number) => {
    const key = `${i},${j}`
    if (!solved.has(key)) {
      try {
        const s = solver.solve(
          { species: a, move: movesA[i]! },
          { species: b, move: movesB[j]! },
          { epsilon: 1e-9 },
        )
        solved.set(key, { win: s.winA, lose: s.winB })
        solves++
      } catch (error) {
        if (!(error instanceof UnsupportedMechanic)) throw error
        solved.set(key, null)
        sampled++
      }
    }
    return solved.get(key)
  }
  const direction = (
    rows: string[],
    columns: number,
    value: (row: number, column: number) => number | undefined,
  ) => {
    let move = rows[0] ?? ''
    let best = -1
    for (const [i, row] of rows.entries()) {
      let worst = Number.POSITIVE_INFINITY
      for (let j = 0; j < columns && worst > best; j++) worst = Math.min(worst, value(i, j) ?? worst)
      if (worst > best && Number.isFinite(worst)) [move, best] = [row, worst]
    }
    return { move, winProbability: best }
  }
  const forA = direction(movesA, movesB.length, (i, j) => cell(i, j)?.win)
  const forB = direction(movesB, movesA.length, (j, i) => cell(i, j)?.lose)
  return {
    cells: [
      { a, b, ...forA },
      { a: b, b: a, ...forB },
    ],
    solves,
    sampled,
  }
}
