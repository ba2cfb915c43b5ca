import { certainKnockOuts } from './cell-certain.ts'
import { createCellEvaluator } from './cell-eval.ts'
import { createCellGame } from './cell-game.ts'
import { createCellRounds } from './cell-rounds.ts'
import { createSaddleGuess } from './cell-saddle.ts'
import { stageGroups } from './cell-tables.ts'
import { checkDeadline } from './errors.ts'
import type { SweepGraph } from './graph.ts'
import type { Layout } from './layout.ts'
import { createMatrixGameSolver } from './matrix-game.ts'
import { pairPrograms } from './pair-programs.ts'
import { choiceCounts, createPairValues, lazyStates } from './pair-values.ts'
import { type Reach, rowTopOf } from './reach.ts'
import { createRowLists } from './row-lists.ts'
import { emptyRows, rowEnds } from './row-order.ts'
import { liveTurns, type Strategies } from './strategies.ts'
import type { SweepOptions } from './sweep.ts'
import { type SweepOrder, sweepOrder } from './sweep-order.ts'
import { payoffFillers, sameCellTemplates } from './templates.ts'
import { createTurnSolver } from './turn-solve.ts'

/** One sweep's cells, a stretch of a row at a time (see `sweep`), by one thread or several. */
export interface RowSweeper {
  /** The highest row (A's HP) of any turn state. */
  readonly topA: number
  /** Per row a (1 … topA): its last cell (the highest B's HP of a turn state with A's HP ≥ a). */
  readonly topB: Int32Array
  /**
   * Sweeps cells `from … to` of row `a`, once the cells it reads are done: (a', b') for a' < a and
   * b' ≤ to, and (a, b') for b' < from (every row below, when heal or drain reads upwards);
   * returns the largest change of a stored turn-start value. `abandon` is asked before each cell
   * (a thread that duplicated a stalled chunk stops once the chunk is done, see `chunk-schedule.ts`).
   */
  sweepCells(a: number, from: number, to: number, abandon?: () => boolean): number
  /** Largest change left where a cell's fixed point did not settle (0 almost always). */
  residual(): number
  /** The order that finishes every read of a cell first, if any (see `SweepOrder`). */
  readonly order: SweepOrder
}

/**
 * The sweep's state for one thread: every per-cell buffer is its own, the value tables (`grid`)
 * and the strategies' tables may be shared with another thread sweeping other cells.
 *
 * @example const rows = createRowSweeper(graph, reach, layout, grid, options, strategies)
 */
export function createRowSweeper(
  graph: SweepGraph,
  reach: Reach,
  layout: Layout,
  grid: Float64Array,
  options: SweepOptions,
  strategies: Strategies,
): RowSweeper {
  const { hiA, hiB } = reach
  const { count, gridAt, branchStart, pairStart, entryStart } = layout
  const turnIds = liveTurns(graph, reach)
  const byHiB = (x: number, y: number) => hiB[y]! - hiB[x]!
  const lazy = lazyStates(graph, layout)
  const val = new Float64Array(count)
  const cells = createCellEvaluator(graph, reach, layout, grid, val, lazy)
  const { zero } = cells
  const { groups, evaluated, lazyGroup } = stageGroups(graph, reach, lazy, zero)
  const turns = new Int32Array([...turnIds].sort(byHiB))
  const { rowsOf, colsOf } = choiceCounts(graph)
  const games = createMatrixGameSolver()
  const payoff = new Float64Array(25)
  const rule = options.rule
  const turnSolver = createTurnSolver(rule, games, strategies, payoff, count)
  const templates = sameCellTemplates(graph, layout)
  const { termStart, termNode, termCoef, nodeTermStart, nodeTermNode, nodeTermCoef } = templates
  const constQ = new Float64Array(entryStart.length)
  const { lower, sameStart, sameTarget, sameCoef, retCount, retTarget, retCoef } = cells
  const programs = pairPrograms(layout, lazy, cells.lazyProgram)
  const { distValue, distProb, distTail } = layout
  const tables = { distValue, distProb, distTail, grid, val }
  const pairs = createPairValues(
    layout,
    rowsOf,
    colsOf,
    lazy,
    cells.evaluateLazy,
    val,
    constQ,
    programs,
    tables,
    (id, a) => rowTopOf(reach, id, a),
  )
  // what a cell's turn states read: the cell game, and value iteration's saddle guesses (see
  // `SaddleGuess`) at the cells the cell game cannot vouch for
  const cellInput = {
    count,
    rowsOf,
    colsOf,
    pairStart,
    constQ,
    ensure: pairs.ensure,
    termStart,
    termNode,
    termCoef,
    val,
    hiB,
    strategies,
  }
  const cellGame = createCellGame({
    ...cellInput,
    ensureHere: pairs.ensureHere,
    games,
    payoff,
    tolerance: options.tolerance,
    certain: certainKnockOuts(layout, rowsOf, colsOf),
  })
  const saddles = createSaddleGuess(cellInput)
  const fillers = payoffFillers(layout, rowsOf, colsOf, templates, constQ, val, payoff)
  // chance states read at other cells (their values go to the grid), widest B range first
  const stored = new Int32Array(
    graph.chances
      .filter((n) => gridAt[n.id]! >= 0)
      .map((n) => n.id)
      .sort(byHiB),
  )
  const topOf = (id: number, a: number) => rowTopOf(reach, id, a)
  const cellOrder = options.order ?? sweepOrder(layout)
  // the row's lists (kept per row when the sweep comes back to each row once per block)
  const lists = createRowLists(
    groups,
    stored,
    turns,
    topOf,
    graph.maxHp[1],
    gridAt,
    hiB,
    cellOrder.kind === 'blocks',
  )
  const { groupLists: rowLists, ends, stored: rowStored, storedTops, turns: rowTurns, turnTops } = lists
  // where cell (a, 0) of the row's stored states and turn states would be in the grid: b added
  const { storedRowAt, turnRowAt, groupTops } = lists
  let storedEnd = 0
  const topA = Math.max(0, ...turnIds.map((id) => hiA[id]!))
  const rounds = createCellRounds({
    turns: rowTurns,
    rowsOf,
    colsOf,
    pairStart,
    hiB,
    val,
    pairs,
    ...fillers,
    turnSolver,
    saddles,
    rule,
    tolerance: options.tolerance,
    checkDeadline: () => checkDeadline(options),
  })

  /**
   * One pass over the cell's chance states, last phase first: value = lower part + same-cell terms
   * (the static `SAME` branches and the returns found at the cell), all of them: the cell's fixed
   * point by plain iteration (a branch returned to the cell).
   */
  const relaxChance = () => {
    for (let g = 0; g < groups.length; g++) {
      const list = rowLists[g]!
      for (let i = 0; i < ends[g]!; i++) {
        const id = list[i]!
        let v = lower[id]!
        for (let s = sameStart[id]!; s < sameStart[id + 1]!; s++) v += sameCoef[s]! * val[sameTarget[s]!]!
        const first = branchStart[id]!
        for (let r = 0; r < retCount[id]!; r++) v += retCoef[first + r]! * val[retTarget[first + r]!]!
        val[id] = v
      }
    }
  }

  /** The cell's fixed point by plain iteration over every state (some branch returns to the cell per HP). */
  const iterateValues = (turnEnd: number, a: number, b: number) =>
    rounds.settle(turnEnd, a, b, () => {
      relaxChance()
      return rounds.relax(turnEnd, a, b, false)
    })

  /**
   * The cell's fixed point through the templates: the chance states' constant parts are in `val`
   * (see `CellEvaluator.evaluate`), then only the turn states iterate; stored chance states get
   * their value at the end.
   */
  const iterateTemplates = (turnEnd: number, a: number, b: number) => {
    pairs.begin(a, b)
    if (rule.kind !== 'game' || !cellGame.solve(rowTurns, turnEnd, a, b)) {
      // a game's pairs are valued as its saddle checks read them
      if (rule.kind !== 'game') pairs.ensurePlayed(rowTurns, turnEnd, a, b, rule, hiB)
      rounds.nextCell()
      rounds.settle(turnEnd, a, b, () => rounds.relax(turnEnd, a, b, true))
    }
    for (let i = 0; i < storedEnd; i++) {
      const id = rowStored[i]!
      let v = zero[id] ? 0 : val[id]!
      for (let t = nodeTermStart[id]!; t < nodeTermStart[id + 1]!; t++)
        v += nodeTermCoef[t]! * val[nodeTermNode[t]!]!
      val[id] = v
      grid[storedRowAt[i]! + b] = v
    }
  }

  // the row whose lists are set up, and the next cell they are trimmed for
  let listRow = 0
  let listNext = 0
  let turnEnd = 0
  let rowLast = 0
  const topBOf = rowEnds(topA, reach)
  const { emptyUpTo, emptyFirst } = emptyRows(count, hiA, topOf)

  /** The states of row `a` that reach it, highest top first (each list is trimmed as b grows). */
  const setUpRow = (a: number) => {
    lists.setUp(a)
    ;({ storedEnd, turnEnd, rowLast } = lists)
    for (let i = 0; i < emptyFirst.length && emptyUpTo[emptyFirst[i]!]! >= a; i++) val[emptyFirst[i]!] = 0
    listRow = a
    listNext = 1
  }

  /** Sweeps cells `from … to` of row `a`, in increasing B's HP; returns the largest change of a turn-start value. */
  // a repeated sweep starts each cell from the last one's values, any other from 0 (not the table)
  const fromTable = cellOrder.kind === 'repeat'
  const sweepCells = (a: number, from: number, to: number, abandon?: () => boolean): number => {
    checkDeadline(options)
    options.check?.()
    let change = 0
    if (listRow !== a || listNext > from) setUpRow(a)
    // nothing to value (every state's cells end before, or A has lost the whole row)
    if (rowLast < from) {
      listNext = to + 1
      return 0
    }
    cells.sumRow(a, from, to)
    pairs.stretch(a, from, to)
    for (let b = from; b <= to; b++) {
      if (abandon?.()) {
        listNext = b
        return change
      }
      for (let g = 0; g < groups.length; g++) {
        const list = rowLists[g]!
        let end = ends[g]!
        const tops = groupTops[g]!
        while (end > 0 && tops[end - 1]! < b) end--
        ends[g] = end
        if (g >= evaluated && g !== lazyGroup) cells.evaluateList(list, end, a, b)
      }
      while (turnEnd > 0 && turnTops[turnEnd - 1]! < b) turnEnd--
      while (storedEnd > 0 && storedTops[storedEnd - 1]! < b) storedEnd--
      if (b === from && rule.kind === 'game') {
        cellGame.guessFromBelow(rowTurns, turnEnd, a, b)
        saddles.fromBelow(rowTurns, turnEnd, a, b)
      }
      for (let i = 0; i < turnEnd; i++) val[rowTurns[i]!] = fromTable ? grid[turnRowAt[i]! + b]! : 0
      if (cells.returned) {
        for (let i = 0; i < ends[lazyGroup]!; i++) cells.evaluate(rowLists[lazyGroup]![i]!, a, b)
        iterateValues(turnEnd, a, b)
        for (let i = 0; i < storedEnd; i++) grid[storedRowAt[i]! + b] = val[rowStored[i]!]!
      } else iterateTemplates(turnEnd, a, b)
      cells.returned = false
      for (let i = 0; i < turnEnd; i++) {
        const at = turnRowAt[i]! + b
        const v = val[rowTurns[i]!]!
        change = Math.max(change, Math.abs(grid[at]! - v))
        grid[at] = v
      }
    }
    listNext = to + 1
    return change
  }
  return { topA, topB: topBOf, sweepCells, residual: rounds.residual, order: cellOrder }
}
