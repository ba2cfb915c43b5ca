import type { PolicyGrid } from '../../../core/contracts/optimal.ts'

/**
 * One coloured block of the chart: B's HP from..to, A's HP from..to, the choice (slot, 4 Struggle,
 * −1 mixed, −2 not reachable from the start).
 */
export interface PolicyBlock {
  readonly b0: number
  readonly b1: number
  readonly a0: number
  readonly a1: number
  readonly choice: number
}

/**
 * The grid's runs as rectangles, consecutive rows with the same runs merged (a 300-row grid is
 * usually a few dozen blocks), so the SVG stays small.
 *
 * @example policyBlocks({ hiA: 2, hiB: 3, runs: [[1, 0], [1, 0]] }) // one block, A 1–2, B 1–3
 */
export function policyBlocks(grid: PolicyGrid): PolicyBlock[] {
  const blocks: PolicyBlock[] = []
  let open: PolicyBlock[] = []
  let openKey = ''
  for (let a = 1; a <= grid.hiA; a++) {
    const row = grid.runs[a - 1] ?? []
    const key = row.join(',')
    if (key === openKey) {
      open = open.map((block) => ({ ...block, a1: a }))
      continue
    }
    blocks.push(...open)
    openKey = key
    open = []
    for (let i = 0; i < row.length; i += 2) {
      const b0 = row[i]!
      const b1 = i + 2 < row.length ? row[i + 2]! - 1 : grid.hiB
      open.push({ b0, b1, a0: a, a1: a, choice: row[i + 1]! })
    }
  }
  blocks.push(...open)
  return blocks
}

/** A cell no battle from the start reaches (see `ChoiceGrid` in the optimal-play answer). */
export const UNREACHABLE_CHOICE = -2

/** A cell where the player has lost whatever they play (every move is worth 0). */
export const LOST_CHOICE = -3

/** The CSS class of a choice's colour. */
export function choiceClass(choice: number): string {
  if (choice === UNREACHABLE_CHOICE) return 'choice-unreachable'
  if (choice === LOST_CHOICE) return 'choice-lost'
  return choice < 0 ? 'choice-mixed' : `choice-${choice}`
}

/** Share of the reachable cells per choice (cells no battle reaches are left out). */
export function choiceShares(grid: PolicyGrid): Map<number, number> {
  const shares = new Map<number, number>()
  let reachable = 0
  for (const block of policyBlocks(grid)) {
    if (block.choice === UNREACHABLE_CHOICE) continue
    const cells = (block.b1 - block.b0 + 1) * (block.a1 - block.a0 + 1)
    reachable += cells
    shares.set(block.choice, (shares.get(block.choice) ?? 0) + cells)
  }
  for (const [choice, cells] of shares) shares.set(choice, cells / reachable)
  return shares
}

/** Whether some cells of the grid are out of reach from the start (the legend then says so). */
export function hasUnreachable(grid: PolicyGrid): boolean {
  return grid.runs.some((row) => row.some((value, i) => i % 2 === 1 && value === UNREACHABLE_CHOICE))
}

/**
 * The move to use over the (opponent's HP, your HP) grid, one colour per move (CSS classes
 * `choice-0` … `choice-4`, `choice-mixed`, `choice-unreachable`, `choice-lost`: a strict CSP forbids inline styles), with the current
 * situation marked. Server-rendered SVG, like the other charts; the text next to it says the same.
 */
export function PolicyChart(props: {
  grid: PolicyGrid
  title: string
  description: string
  axisX: string
  axisY: string
  current: { a: number; b: number }
}) {
  const { grid } = props
  const width = 320
  const height = 240
  const margin = { left: 34, bottom: 30, top: 6, right: 8 }
  const plotW = width - margin.left - margin.right
  const plotH = height - margin.top - margin.bottom
  const x = (b: number) => margin.left + ((b - 1) / grid.hiB) * plotW
  const y = (a: number) => margin.top + plotH - (a / grid.hiA) * plotH
  const fmt = (v: number) => String(Math.round(v * 100) / 100)
  return (
    <svg
      class="policy-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="policy-title policy-desc"
    >
      <title id="policy-title">{props.title}</title>
      <desc id="policy-desc">{props.description}</desc>
      <g shape-rendering="crispEdges">
        {policyBlocks(grid).map((block) => (
          <rect
            class={choiceClass(block.choice)}
            x={fmt(x(block.b0))}
            y={fmt(y(block.a1))}
            width={fmt(((block.b1 - block.b0 + 1) / grid.hiB) * plotW)}
            height={fmt(((block.a1 - block.a0 + 1) / grid.hiA) * plotH)}
          />
        ))}
      </g>
      <rect class="policy-frame" x={margin.left} y={margin.top} width={plotW} height={plotH} fill="none" />
      <circle
        class="policy-now"
        cx={fmt(x(props.current.b) + plotW / grid.hiB / 2)}
        cy={fmt(y(props.current.a) + plotH / grid.hiA / 2)}
        r="4"
      />
      <text class="policy-axis" x={margin.left + plotW / 2} y={height - 6} text-anchor="middle">
        {props.axisX}
      </text>
      <text
        class="policy-axis"
        x="10"
        y={margin.top + plotH / 2}
        text-anchor="middle"
        transform={`rotate(-90 10 ${margin.top + plotH / 2})`}
      >
        {props.axisY}
      </text>
      <text class="policy-tick" x={margin.left} y={height - 18} text-anchor="start">
        1
      </text>
      <text class="policy-tick" x={margin.left + plotW} y={height - 18} text-anchor="end">
        {String(grid.hiB)}
      </text>
      <text class="policy-tick" x={margin.left - 4} y={margin.top + plotH} text-anchor="end">
        1
      </text>
      <text class="policy-tick" x={margin.left - 4} y={margin.top + 8} text-anchor="end">
        {String(grid.hiA)}
      </text>
    </svg>
  )
}
