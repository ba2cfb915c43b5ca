import { createHash } from 'node:crypto'
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../../../core/log.ts'
import { createProgress } from '../../../core/progress.ts'
import type { RosterIndex } from '../features/roster-index.ts'
import { runTasks } from './pool.ts'
import { ROW_COLUMNS, rowToCsv, toRow } from './rows.ts'
import type { LabelSource, TaskResult } from './run-task.ts'
import { buildTasks, type MatchupTask, type Scenario } from './tasks.ts'

export interface DatasetParams {
  scenarios: Scenario[]
  k: number
  seed: number
  samples: number
  maxCombinations: number
  /** random_pairs: distinct random covered pairs (absent for the other scenarios). */
  pairs?: number
  /** Form slugs the matchups are drawn from (all ordered pairs, A ≠ B). */
  forms: string[]
  /** `exact`: fixed-move rows covered by the solver get exact labels (others: engine battles). */
  labels: LabelSource
}

/** `manifest.json`: what the dataset is, how it was made, and a hash of its rows. */
export interface Manifest {
  name: string
  params: DatasetParams
  paramsHash: string
  engine: Record<string, string>
  rows: number
  battles: number
  skippedForms: string[]
  contentHash: string
  createdAt: string
  seconds: number
  battlesPerSecond: number
}

const CHUNK = 8
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** Chunks already written by an interrupted build with the same parameters. */
async function readPartial(path: string, paramsHash: string): Promise<Map<number, string[]>> {
  const done = new Map<number, string[]>()
  const text = await readFile(path, 'utf8').catch(() => '')
  for (const line of text.split('\n')) {
    if (!line) continue
    try {
      const chunk = JSON.parse(line) as { paramsHash: string; start: number; rows: string[] }
      if (chunk.paramsHash === paramsHash) done.set(chunk.start, chunk.rows)
    } catch {
      // a torn last line from a crash: that chunk simply runs again
    }
  }
  return done
}

/**
 * Builds (or reuses, or resumes) a dataset under `dir`: `rows.csv` in task order, byte-identical
 * for the same parameters and seed whatever the number of workers, and `manifest.json`.
 * Finished chunks go to `partial.jsonl` as they complete, so an interrupted build resumes where it
 * stopped; a build whose manifest matches the parameters is reused without running a battle.
 */
export async function buildDataset(options: {
  name: string
  dir: string
  index: RosterIndex
  params: DatasetParams
  engine: Record<string, string>
  workers: number
  force: boolean
  log: Logger
  tty: boolean
  signal?: AbortSignal
  /**
   * Exact answers already solved (by pair), e.g. from another random-pairs dataset: chunks whose
   * every fixed-move task is known are written from it instead of being solved again.
   */
  known?: ReadonlyMap<string, TaskResult>
}): Promise<{ manifest: Manifest; reused: boolean; resumedChunks: number; fromCache: number }> {
  const { dir, params, index } = options
  await mkdir(dir, { recursive: true })
  const paramsHash = sha256(JSON.stringify({ params, engine: options.engine, columns: ROW_COLUMNS }))
  const manifestPath = join(dir, 'manifest.json')
  const rowsPath = join(dir, 'rows.csv')
  const previous = await readJson<Manifest>(manifestPath)
  if (!options.force && previous?.paramsHash === paramsHash) {
    const rows = await readFile(rowsPath, 'utf8').catch(() => '')
    if (sha256(rows) === previous.contentHash)
      return { manifest: previous, reused: true, resumedChunks: 0, fromCache: 0 }
  }
  const tasks: MatchupTask[] = params.scenarios.flatMap((s) => buildTasks(index, s, params.forms, params))
  const skippedForms = params.forms.filter((f) => !tasks.some((t) => t.a.slug === f))
  const partialPath = join(dir, 'partial.jsonl')
  if (options.force) await rm(partialPath, { force: true })
  const done = await readPartial(partialPath, paramsHash)
  const resumedChunks = done.size
  let fromCache = 0
  if (options.known && options.known.size > 0 && params.labels === 'exact') {
    const lines: string[] = []
    for (let s = 0; s < tasks.length; s += CHUNK) {
      if (done.has(s)) continue
      const chunk = tasks.slice(s, s + CHUNK)
      const results = chunk.map((t) => options.known!.get(pairKeyOf(t)))
      if (results.some((r) => r === undefined)) continue
      const rows = results.map((r, i) =>
        rowToCsv(toRow(index, params.seed, params.k, chunk[i]!, scaled(r!, params.k))),
      )
      done.set(s, rows)
      lines.push(JSON.stringify({ paramsHash, start: s, rows }))
      fromCache += chunk.length
    }
    if (lines.length > 0) await appendFile(partialPath, `${lines.join('\n')}\n`)
  }
  const starts: number[] = []
  for (let s = 0; s < tasks.length; s += CHUNK) if (!done.has(s)) starts.push(s)
  const remaining = starts.flatMap((s) => tasks.slice(s, s + CHUNK))
  const progress = createProgress({
    label: `${options.name}`,
    total: tasks.length,
    log: options.log,
    tty: options.tty,
    resumed: tasks.length - remaining.length,
  })
  const started = performance.now()
  await runTasks(remaining, {
    k: params.k,
    workers: options.workers,
    labels: params.labels,
    chunkSize: CHUNK,
    signal: options.signal,
    onChunk: async (localStart, results) => {
      const start = starts[localStart / CHUNK]!
      const rows = results.map((r, i) => rowToCsv(toRow(index, params.seed, params.k, tasks[start + i]!, r)))
      done.set(start, rows)
      await appendFile(partialPath, `${JSON.stringify({ paramsHash, start, rows })}\n`)
      progress.tick(results.length)
    },
  })
  const seconds = (performance.now() - started) / 1000
  const battles = remaining.length * params.k
  progress.done(
    `${options.name}: ${tasks.length} rows, ${battles} battles in ${seconds.toFixed(1)} s (${Math.round(battles / Math.max(seconds, 1e-9))} battles/s)`,
  )
  const lines = [...done.entries()].sort(([a], [b]) => a - b).flatMap(([, rows]) => rows)
  const text = `${ROW_COLUMNS.join(',')}\n${lines.join('\n')}\n`
  await writeFile(`${rowsPath}.tmp`, text)
  await rename(`${rowsPath}.tmp`, rowsPath)
  const manifest: Manifest = {
    name: options.name,
    params,
    paramsHash,
    engine: options.engine,
    rows: lines.length,
    battles: lines.length * params.k,
    skippedForms,
    contentHash: sha256(text),
    createdAt: new Date().toISOString(),
    seconds: Math.round(seconds * 10) / 10,
    battlesPerSecond: Math.round(battles / Math.max(seconds, 1e-9)),
  }
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)
  await rm(partialPath, { force: true })
  return { manifest, reused: false, resumedChunks, fromCache }
}

/** The fixed-move pair a task is, as a key of known exact answers. */
export function pairKeyOf(task: MatchupTask): string {
  return `${task.a.slug}|${task.a.moves.join('|')}|${task.b.slug}|${task.b.moves.join('|')}|${task.a.policy}|${task.b.policy}`
}

/** An exact answer known for K₀ battles, as expected counts for K. */
function scaled(result: TaskResult, k: number): TaskResult {
  const total = result.wins + result.losses + result.draws + result.caps
  const f = total > 0 ? k / total : 1
  const moves = (used: Record<string, number>) => Object.fromEntries(Object.keys(used).map((m) => [m, k]))
  return {
    ...result,
    wins: result.wins * f,
    losses: result.losses * f,
    draws: result.draws * f,
    caps: result.caps * f,
    usedA: moves(result.usedA),
    usedB: moves(result.usedB),
  }
}
