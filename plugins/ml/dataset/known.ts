import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROW_COLUMNS } from './rows.ts'
import type { TaskResult } from './run-task.ts'

const COL = Object.fromEntries(ROW_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof ROW_COLUMNS)[number],
  number
>

/**
 * Exact answers already in other datasets (their `rows.csv`, or the chunks a running build has
 * finished), by pair: a cache so that a random-pairs dataset never solves a pair twice (a bigger
 * draw with the same seed starts with the smaller one's pairs). Only `exact` rows count: engine
 * battles depend on the seed of the task, exact answers do not.
 *
 * @example
 * const known = await readKnownAnswers(join(dataDir, 'datasets'), ['random_pairs-n100000-k1-seed42'])
 */
export async function readKnownAnswers(
  datasetsDir: string,
  names: readonly string[],
): Promise<Map<string, TaskResult>> {
  const known = new Map<string, TaskResult>()
  for (const name of names) {
    const dir = join(datasetsDir, name)
    const csv = await readFile(join(dir, 'rows.csv'), 'utf8').catch(() => undefined)
    const lines =
      csv?.split('\n').slice(1) ??
      (await readFile(join(dir, 'partial.jsonl'), 'utf8').catch(() => '')).split('\n').flatMap((line) => {
        try {
          return line ? (JSON.parse(line) as { rows: string[] }).rows : []
        } catch {
          return []
        }
      })
    for (const line of lines) {
      const c = line.split(',')
      if (c[COL.label] !== 'exact') continue
      const key = `${c[COL.a_slug]}|${c[COL.a_moves]}|${c[COL.b_slug]}|${c[COL.b_moves]}|${c[COL.a_policy]}|${c[COL.b_policy]}`
      known.set(key, {
        label: 'exact',
        wins: Number(c[COL.wins]),
        losses: Number(c[COL.losses]),
        draws: Number(c[COL.draws]),
        caps: Number(c[COL.caps]),
        meanTurns: Number(c[COL.mean_turns]),
        usedA: { [c[COL.a_moves]!]: 1 },
        usedB: { [c[COL.b_moves]!]: 1 },
      })
    }
  }
  return known
}
