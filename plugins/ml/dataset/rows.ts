import type { RosterIndex } from '../features/roster-index.ts'
import type { TaskResult } from './run-task.ts'
import { pairSplit, speciesSplit } from './splits.ts'
import type { MatchupTask } from './tasks.ts'

/** The columns of `rows.csv`, in order (documented in docs/model.md). Ids are for reference only. */
export const ROW_COLUMNS = [
  'scenario',
  'sample',
  'a_id',
  'a_slug',
  'b_id',
  'b_slug',
  'a_moves',
  'b_moves',
  'a_policy',
  'b_policy',
  'a_used',
  'b_used',
  'k',
  'wins',
  'losses',
  'draws',
  'caps',
  'label',
  'win_rate',
  'mean_turns',
  'split_pair',
  'split_species',
] as const

export type DatasetRow = Record<(typeof ROW_COLUMNS)[number], string | number>

const used = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([m, n]) => `${m}:${n}`)
    .join('|')

/** One CSV row from a task and its result. Numbers are printed with fixed precision for byte-stable files. */
export function toRow(
  index: RosterIndex,
  seed: number,
  k: number,
  task: MatchupTask,
  result: TaskResult,
): DatasetRow {
  const a = index.forms.get(task.a.slug)!
  const b = index.forms.get(task.b.slug)!
  return {
    scenario: task.scenario,
    sample: task.sample,
    a_id: a.id,
    a_slug: a.slug,
    b_id: b.id,
    b_slug: b.slug,
    a_moves: task.a.moves.join('|'),
    b_moves: task.b.moves.join('|'),
    a_policy: task.a.policy,
    b_policy: task.b.policy,
    a_used: used(result.usedA),
    b_used: used(result.usedB),
    k,
    wins: count(result.wins, result.label),
    losses: count(result.losses, result.label),
    draws: count(result.draws, result.label),
    caps: count(result.caps, result.label),
    label: result.label,
    win_rate: (result.wins / k).toFixed(6),
    mean_turns: result.meanTurns.toFixed(4),
    split_pair: pairSplit(seed, a.slug, b.slug),
    split_species: speciesSplit(seed, a.species_id, b.species_id),
  }
}

/**
 * Battle counts are integers; exact labels are expected counts, always printed with 6 decimals (so
 * an answer read back from another dataset prints the same bytes as a fresh solve).
 */
function count(value: number, label: TaskResult['label']): string {
  return label === 'exact' ? value.toFixed(6) : String(value)
}

export function rowToCsv(row: DatasetRow): string {
  return ROW_COLUMNS.map((c) => String(row[c])).join(',')
}

/** Parses `rows.csv` (no quoting needed: no field holds a comma). */
export function parseRows(text: string): DatasetRow[] {
  const lines = text.split('\n').filter((l) => l.length > 0)
  const header = lines[0]?.split(',') ?? []
  if (header.join(',') !== ROW_COLUMNS.join(',')) throw new Error('rows.csv: unexpected header')
  const numeric = new Set([
    'sample',
    'a_id',
    'b_id',
    'k',
    'wins',
    'losses',
    'draws',
    'caps',
    'win_rate',
    'mean_turns',
  ])
  return lines.slice(1).map((line) => {
    const cells = line.split(',')
    return Object.fromEntries(
      ROW_COLUMNS.map((c, i) => [c, numeric.has(c) ? Number(cells[i]) : (cells[i] ?? '')]),
    ) as DatasetRow
  })
}
