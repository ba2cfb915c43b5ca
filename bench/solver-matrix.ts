/**
 * The best-move matrix of the 188 forms, solved exactly: for every unordered pair {A, B}, each
 * side's 4 damaging moves with the highest expected damage against the other, the 16 move pairs
 * solved once (solving A vs B also answers B vs A), then for each direction the move whose worst
 * reply is best. Shared by `bench/solver.ts` (main thread) and its workers.
 */
import type { Move } from '@pkmn/sim'
import type { LgpeEngine } from '../plugins/ml/battle/engine.ts'
import { createContext, type SolveContext } from '../plugins/ml/solver/context.ts'
import { entries } from '../plugins/ml/solver/dist.ts'
import { hitEffect, meanStandardHit, rollsDamage } from '../plugins/ml/solver/hit.ts'
import { type SolveRun, type Solver, UnsupportedMechanic } from '../plugins/ml/solver/index.ts'
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
  /** Move pairs solved exactly. */
  solves: number
  /** Move pairs solved coarsely (every one met; some then exactly). */
  bounded: number
  sampled: number
}

/** Expected damage per turn spent (accuracy, hits and charge turns included) of `move` from A to B. */
function expectedDamage(ctx: SolveContext, move: string): number {
  const m = ctx.dex.moves.get(move)
  const target = ctx.battlers[1]
  if (m.category === 'Status' || m.selfdestruct || ['counter', 'mirrorcoat', 'bide'].includes(m.id)) return 0
  if (!m.ignoreImmunity && ctx.types.immune(m.type, target.types)) return 0
  const perHit = rollsDamage(m) ? meanStandardHit(ctx, initialMode(), 0, m) : specialHit(ctx, m)
  const hits = hitCounts(m).reduce((s, [k, p]) => s + k * p, 0)
  const accuracy = m.ohko ? 0.3 : m.accuracy === true ? 1 : m.accuracy / 100
  return (perHit * hits * accuracy) / (m.flags.charge || m.self?.volatileStatus === 'mustrecharge' ? 2 : 1)
}

/** Mean damage of one hit of a move that does not roll its damage (fixed, OHKO, Super Fang). */
function specialHit(ctx: SolveContext, m: Move): number {
  const effect = hitEffect(ctx, initialMode(), 0, m)
  if (effect.kind === 'dist') return entries(effect.dist).reduce((s, [v, p]) => s + v * p, 0)
  return effect.kind === 'ohko' ? ctx.battlers[1].maxhp : ctx.battlers[1].maxhp / 2
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

/** What a pair's solves tell so far: a lower bound on each side's wins, exact once refined. */
interface Cell {
  readonly run: SolveRun
  win: number
  lose: number
  /** Probability still undecided: either side's wins can grow by at most this. */
  open: number
  exact: boolean
}

/** First pass of every solve: cheap, and enough to rule out most move pairs. */
const COARSE = 1e-2
/** The answer's precision. */
const EXACT = 1e-9

/**
 * Both directions of one unordered pair, by branch and bound on bounds: a direction's value is max
 * over its moves of the min over the replies. Every move pair is first solved coarsely (until
 * less than 1 % is undecided), which bounds its value; a move is dropped as soon as one reply
 * holds it at or below the best move so far even in the best case, and otherwise only the replies
 * that could be its minimum are taken on to the exact answer (the solve goes on from where it
 * stopped). Moves come strongest first, ties go to the first, as in a plain max-min, whose
 * answers this equals. A solve serves both directions. Declined pairs count as `sampled`.
 */
export function solvePair(
  engine: LgpeEngine,
  solver: Solver,
  a: string,
  b: string,
  coarse = COARSE,
): PairResult {
  const movesA = bestFour(engine, solver, a, b)
  const movesB = bestFour(engine, solver, b, a)
  const cells = new Map<string, Cell | null>()
  let solves = 0
  let bounded = 0
  let sampled = 0
  const cell = (i: number, j: number): Cell | null => {
    const key = `${i},${j}`
    if (!cells.has(key)) {
      try {
        const run = solver.start({ species: a, move: movesA[i]! }, { species: b, move: movesB[j]! })
        const s = run.advance(coarse)
        cells.set(key, { run, win: s.winA, lose: s.winB, open: s.unresolved + s.cap, exact: false })
        bounded++
      } catch (error) {
        if (!(error instanceof UnsupportedMechanic)) throw error
        cells.set(key, null)
        sampled++
      }
    }
    return cells.get(key)!
  }
  const refine = (c: Cell) => {
    const s = c.run.advance(EXACT)
    c.win = s.winA
    c.lose = s.winB
    c.open = s.unresolved + s.cap
    c.exact = true
    solves++
  }
  const direction = (
    rows: string[],
    columns: number,
    at: (row: number, column: number) => Cell | null,
    side: 'win' | 'lose',
  ) => {
    let move = rows[0] ?? ''
    let best = -1
    for (const [i, row] of rows.entries()) {
      const live: Cell[] = []
      let dropped = false
      for (let j = 0; j < columns && !dropped; j++) {
        const c = at(i, j)
        if (!c) continue
        if (c[side] + c.open <= best) dropped = true
        else live.push(c)
      }
      if (dropped || live.length === 0) continue
      for (;;) {
        live.sort((x, y) => x[side] - y[side])
        const lowest = live[0]!
        if (lowest.exact) {
          if (lowest[side] > best) [move, best] = [row, lowest[side]]
          break
        }
        refine(lowest)
        if (lowest[side] <= best) break
      }
    }
    return { move, winProbability: best }
  }
  try {
    const forA = direction(movesA, movesB.length, cell, 'win')
    const forB = direction(movesB, movesA.length, (j, i) => cell(i, j), 'lose')
    return {
      cells: [
        { a, b, ...forA },
        { a: b, b: a, ...forB },
      ],
      solves,
      bounded,
      sampled,
    }
  } finally {
    for (const c of cells.values()) c?.run.dispose()
  }
}
