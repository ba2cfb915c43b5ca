import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { envBoolean, envList } from '../../../core/config.ts'
import { UsageError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import type { BattleService } from '../battle-service.ts'
import { baselineTable, evaluateBaselines } from '../dataset/baselines.ts'
import { buildDataset } from '../dataset/build.ts'
import { readKnownAnswers } from '../dataset/known.ts'
import { parseRows } from '../dataset/rows.ts'
import { MATCHUP_SCENARIOS, SCENARIOS, type Scenario } from '../dataset/tasks.ts'
import { ML_METRICS } from '../metrics.ts'

export const datasetInput = z
  .object({
    scenario: z.enum([...SCENARIOS, 'all']).default('all_combinations'),
    k: z.coerce.number().int().min(1).max(100_000).default(8).describe('battles per row'),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    species: envList(
      z.string().regex(/^[a-z0-9-]+$/, 'form slugs look like pikachu, raichu-alola'),
    ).optional(),
    samples: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('random_move: B movesets per matchup'),
    maxCombinations: z.coerce
      .number()
      .int()
      .min(1)
      .max(16)
      .default(6)
      .describe('all_combinations: move pairs per matchup (a seeded sample of the 16)'),
    pairs: z.coerce
      .number()
      .int()
      .min(1)
      .max(5_000_000)
      .default(100_000)
      .describe('random_pairs: distinct random covered pairs (any learnable moves)'),
    workers: z.coerce.number().int().min(0).max(32).optional(),
    name: z
      .string()
      .regex(/^[a-z0-9_-]{1,60}$/)
      .optional(),
    labels: z
      .enum(['exact', 'engine'])
      .default('exact')
      .describe('exact: fixed-move rows the solver covers are labelled exactly; engine: battles only'),
    reuse: envList(z.string().regex(/^[a-z0-9_-]{1,60}$/))
      .optional()
      .describe('datasets whose exact answers are reused instead of solved again (comma list)'),
    force: envBoolean.default(false),
  })
  .strict()
export type DatasetInput = z.infer<typeof datasetInput>

/** The folder name of a dataset: its parameters, readable. */
export function datasetName(input: DatasetInput): string {
  const subset = input.species
    ? `-${createHash('sha256').update(input.species.join(',')).digest('hex').slice(0, 8)}`
    : ''
  const labels = input.labels === 'exact' ? '' : '-engine'
  const pairs = input.scenario === 'random_pairs' ? `-n${input.pairs}` : ''
  return input.name ?? `${input.scenario}${pairs}-k${input.k}-seed${input.seed}${labels}${subset}`
}

/**
 * `ml:dataset`: battles on the real engine → `DATA_DIR/datasets/<name>/` (rows.csv with splits,
 * manifest.json, baselines.json), then the baselines table.
 *
 * @example
 * bun run stage ml:dataset -- --scenario best_move --k 16 --seed 42 --workers 2
 */
export function createDatasetStage(deps: {
  battles: BattleService
  dataDir: string
  workers: number
  /** ML_SKIP_IF_EXISTS: the trainer pipeline skips its dataset too when a champion exists. */
  skipBecauseChampionExists?: () => Promise<boolean>
}) {
  return defineStage({
    name: 'ml:dataset',
    description: 'Simulate matchups on the LGPE engine into a reproducible dataset',
    input: datasetInput,
    async run(input, runtime) {
      if (!input.force && (await deps.skipBecauseChampionExists?.())) {
        return 'ml:dataset: a champion model exists and ML_SKIP_IF_EXISTS=true; no dataset needed (--force builds it)'
      }
      const index = await deps.battles.roster()
      const forms = input.species ?? [...index.forms.keys()]
      const unknown = forms.filter((f) => !index.forms.has(f))
      if (unknown.length > 0) {
        throw new UsageError(
          'ML_UNKNOWN_POKEMON',
          `unknown Pokémon: ${unknown.join(', ')} (use slugs like pikachu, raichu-alola)`,
        )
      }
      if (forms.length < 2) throw new UsageError('ML_TOO_FEW_POKEMON', '--species needs at least two Pokémon')
      const scenarios: Scenario[] = input.scenario === 'all' ? [...MATCHUP_SCENARIOS] : [input.scenario]
      const name = datasetName(input)
      const dir = join(deps.dataDir, 'datasets', name)
      const known = input.reuse
        ? await readKnownAnswers(join(deps.dataDir, 'datasets'), input.reuse)
        : undefined
      const { manifest, reused, resumedChunks, fromCache } = await buildDataset({
        name,
        dir,
        index,
        params: {
          scenarios,
          k: input.k,
          seed: input.seed,
          samples: input.samples,
          maxCombinations: input.maxCombinations,
          // only when used, so the identity of every other dataset is unchanged
          ...(scenarios.includes('random_pairs') ? { pairs: input.pairs } : {}),
          forms,
          labels: input.labels,
        },
        engine: await deps.battles.engineVersions(),
        workers: input.workers ?? deps.workers,
        force: input.force,
        log: runtime.log,
        tty: runtime.tty,
        signal: runtime.signal,
        ...(known ? { known } : {}),
      })
      runtime.report(ML_METRICS.datasetRows, manifest.rows)
      runtime.report(ML_METRICS.datasetBattles, manifest.battles)
      const rows = parseRows(await readFile(join(dir, 'rows.csv'), 'utf8'))
      const scored = (key: 'split_pair' | 'split_species') => {
        const train = rows.filter((r) => r[key] === 'train')
        const test = rows.filter((r) => r[key] === 'test')
        return train.length > 0 && test.length > 0 ? evaluateBaselines(index, train, test) : undefined
      }
      const pair = scored('split_pair')
      const species = scored('split_species')
      const baselines = { pairSplitTest: pair ?? null, speciesSplitTest: species ?? null }
      await writeFile(join(dir, 'baselines.json'), `${JSON.stringify(baselines, null, 2)}\n`)
      const table = (r: typeof pair) =>
        r ? baselineTable(r) : '  (no rows on one side of this split: too few Pokémon)'
      const counts = (part: string, key: 'split_pair' | 'split_species') =>
        rows.filter((r) => r[key] === part).length
      const outcome = rows.reduce(
        (acc, r) => ({ draws: acc.draws + Number(r.draws), caps: acc.caps + Number(r.caps) }),
        { draws: 0, caps: 0 },
      )
      return [
        `ml:dataset ${name} (${reused ? 'reused: manifest matches' : resumedChunks > 0 ? `resumed ${resumedChunks} chunks` : 'built'}${fromCache > 0 ? `; ${fromCache} exact answers reused from ${input.reuse?.join(', ')}` : ''})`,
        `  ${manifest.rows} rows, ${manifest.battles} battles, ${outcome.draws} draws, ${outcome.caps} turn-capped; ${manifest.battlesPerSecond} battles/s`,
        `  pair split: train ${counts('train', 'split_pair')} / validation ${counts('validation', 'split_pair')} / test ${counts('test', 'split_pair')}; species split: train ${counts('train', 'split_species')} / test ${counts('test', 'split_species')}`,
        manifest.skippedForms.length > 0
          ? `  skipped (no damaging move): ${manifest.skippedForms.join(', ')}`
          : '',
        `  content sha256 ${manifest.contentHash}`,
        '  baselines on the pair-split test part:',
        table(pair),
        '  baselines on the held-out-species test part:',
        table(species),
        `  → ${dir}`,
      ]
        .filter(Boolean)
        .join('\n')
    },
  })
}
