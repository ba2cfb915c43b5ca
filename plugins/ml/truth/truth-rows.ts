import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROW_COLUMNS } from '../dataset/rows.ts'

/**
 * The exact answers of a random-pairs dataset, kept compact (a million rows as objects would
 * take gigabytes): move pairs by interned slugs, exact P(A wins) and the expected battle length.
 */
export interface TruthRows {
  readonly count: number
  readonly slugs: readonly string[]
  /** Indexes into `slugs`: A, A's move, B, B's move. */
  readonly a: Int32Array
  readonly moveA: Int32Array
  readonly b: Int32Array
  readonly moveB: Int32Array
  readonly exact: Float64Array
  readonly meanTurns: Float32Array
  /** Rows of the dataset not labelled exactly (engine battles: the solver declined them). */
  readonly skipped: number
  /** True when the build is still running and these are the chunks finished so far. */
  readonly partial: boolean
}

const COL = Object.fromEntries(ROW_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof ROW_COLUMNS)[number],
  number
>

/**
 * Reads `rows.csv`, or — while the build is still running — the chunks it has finished
 * (`partial.jsonl`, in task order: a prefix of the seeded draw, so itself a uniform random sample).
 *
 * @throws Error when the folder holds neither.
 * @example
 * const truth = await readTruthRows('data/datasets/random_pairs-n1001000-k1-seed2027')
 */
export async function readTruthRows(dir: string): Promise<TruthRows> {
  const csv = await readFile(join(dir, 'rows.csv'), 'utf8').catch(() => undefined)
  let lines: string[]
  let partial = false
  if (csv !== undefined) lines = csv.split('\n').slice(1)
  else {
    const text = await readFile(join(dir, 'partial.jsonl'), 'utf8').catch(() => {
      throw new Error(
        `no rows.csv or partial.jsonl in ${dir}: build it with ml:dataset --scenario random_pairs`,
      )
    })
    partial = true
    const chunks: { start: number; rows: string[] }[] = []
    for (const line of text.split('\n')) {
      if (!line) continue
      try {
        chunks.push(JSON.parse(line))
      } catch {
        // a torn last line while the build writes
      }
    }
    chunks.sort((x, y) => x.start - y.start)
    // only the unbroken prefix: the finished chunks from the first one on
    lines = []
    let next = 0
    for (const chunk of chunks) {
      if (chunk.start !== next) break
      lines.push(...chunk.rows)
      next += chunk.rows.length
    }
  }
  const ids = new Map<string, number>()
  const slugs: string[] = []
  const intern = (s: string) => {
    let id = ids.get(s)
    if (id === undefined) {
      id = slugs.length
      slugs.push(s)
      ids.set(s, id)
    }
    return id
  }
  const n = lines.length
  const a = new Int32Array(n)
  const moveA = new Int32Array(n)
  const b = new Int32Array(n)
  const moveB = new Int32Array(n)
  const exact = new Float64Array(n)
  const meanTurns = new Float32Array(n)
  let count = 0
  let skipped = 0
  for (const line of lines) {
    if (!line) continue
    const cells = line.split(',')
    if (cells[COL.label] !== 'exact' || cells[COL.a_policy] !== 'fixed') {
      skipped++
      continue
    }
    a[count] = intern(cells[COL.a_slug]!)
    moveA[count] = intern(cells[COL.a_moves]!)
    b[count] = intern(cells[COL.b_slug]!)
    moveB[count] = intern(cells[COL.b_moves]!)
    exact[count] = Number(cells[COL.wins]) / Number(cells[COL.k])
    meanTurns[count] = Number(cells[COL.mean_turns])
    count++
  }
  return {
    count,
    slugs,
    a: a.subarray(0, count),
    moveA: moveA.subarray(0, count),
    b: b.subarray(0, count),
    moveB: moveB.subarray(0, count),
    exact: exact.subarray(0, count),
    meanTurns: meanTurns.subarray(0, count),
    skipped,
    partial,
  }
}
