/**
 * Dataset throughput on the real pipeline (task building, worker pool, battles, rows):
 * battles/s with 1 and 2 workers on a fixed sample of best_move matchups, then, with `--full`,
 * the time to build the full best_move matrix (all ordered pairs of the 188 forms, K = 16).
 *
 *   bun bench/dataset.ts            sample only (~1 min)
 *   bun bench/dataset.ts --full     also the full matrix (~15 min on 2 cores)
 *
 * Needs a loaded database (DATA_DIR, default ./data: run `bun run stage etl` first).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../core/db/open.ts'
import { createMemoryLogger } from '../core/log.ts'
import { readRoster } from '../plugins/etl/roster.repo.ts'
import { createLgpeEngine } from '../plugins/ml/battle/engine.ts'
import { buildDataset } from '../plugins/ml/dataset/build.ts'
import { runTasks } from '../plugins/ml/dataset/pool.ts'
import { buildTasks } from '../plugins/ml/dataset/tasks.ts'
import { indexRoster } from '../plugins/ml/features/roster-index.ts'
import { median } from './median.ts'

const dataDir = process.env.DATA_DIR ?? './data'
const db = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir })
const index = indexRoster(await readRoster(db))
await db.close()
if (index.forms.size !== 188) throw new Error(`expected 188 forms in ${dataDir}; run bun run stage etl first`)
const forms = [...index.forms.keys()]
const options = { seed: 42, samples: 5, maxCombinations: 16 }
const all = buildTasks(index, 'best_move', forms, options)
// A fixed, spread-out sample: every 50th matchup of the full matrix.
const sample = all.filter((_, i) => i % 50 === 0)
const K = 16

console.log(
  `best_move tasks: ${all.length} matchups (${all.length * K} battles at K = ${K}); sample ${sample.length}`,
)
for (const workers of [1, 2]) {
  const rates: number[] = []
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    await runTasks(sample, { k: K, workers, onChunk: () => {} })
    rates.push((sample.length * K) / ((performance.now() - started) / 1000))
  }
  console.log(
    `${workers} worker${workers > 1 ? 's' : ''}: median ${median(rates).toFixed(0)} battles/s (runs ${rates.map((r) => r.toFixed(0)).join(', ')})`,
  )
}

if (process.argv.includes('--full')) {
  const started = performance.now()
  const { manifest } = await buildDataset({
    name: 'bench-full-best-move',
    dir: mkdtempSync(join(tmpdir(), 'pdx-bench-dataset-')),
    index,
    params: { scenarios: ['best_move'], k: K, ...options, forms, labels: 'engine' },
    engine: { ...createLgpeEngine().versions } as Record<string, string>,
    workers: 2,
    force: true,
    log: createMemoryLogger('warn'),
    tty: false,
  })
  const minutes = (performance.now() - started) / 60_000
  console.log(
    `full best_move matrix: ${manifest.rows} rows, ${manifest.battles} battles in ${minutes.toFixed(1)} min (${manifest.battlesPerSecond} battles/s, 2 workers); target ≤ 20 min`,
  )
}
