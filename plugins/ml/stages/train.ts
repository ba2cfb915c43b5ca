import { join } from 'node:path'
import { z } from 'zod'
import { envBoolean } from '../../../core/config.ts'
import type { Db } from '../../../core/db/port.ts'
import { UsageError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import type { BattleService } from '../battle-service.ts'
import type { MlConfig } from '../config.ts'
import { EVALUATION_METRICS, ML_METRICS } from '../metrics.ts'
import { readChampionPointer } from '../model/files.ts'
import { type TrainResult, trainAndRegister } from '../model/pipeline.ts'
import { GRIDS } from '../model/search.ts'
import { versionByAlias } from '../registry.repo.ts'

/** The dataset the pipeline trains on by default: what `ml:dataset` builds with its defaults. */
export const DEFAULT_DATASET = 'all_combinations-k8-seed42'

export interface TrainStageDeps {
  db: Db
  battles: BattleService
  config: MlConfig
  dataDir: string
  modelsDir: string
  renderReport?: Parameters<typeof trainAndRegister>[0]['renderReport']
  onTracked?: Parameters<typeof trainAndRegister>[0]['onTracked']
  /** Called after a new champion is registered (the predictor swaps to it). */
  onChampion?: () => Promise<void>
}

/** True when a champion exists (registry alias or the shipped `MODELS_DIR/champion`). */
export async function hasChampion(db: Db, modelsDir: string): Promise<boolean> {
  return (
    (await versionByAlias(db, 'champion')) !== undefined ||
    (await readChampionPointer(modelsDir)) !== undefined
  )
}

export function summarizeTraining(result: TrainResult): string {
  const m = result.evaluations.pair_test
  const s = result.evaluations.species_test
  const line = (name: string, x: { logLoss: number; brier: number; rocAuc: number; accuracy: number }) =>
    `  ${name.padEnd(14)} log-loss ${x.logLoss.toFixed(4)}  Brier ${x.brier.toFixed(4)}  ROC-AUC ${x.rocAuc.toFixed(4)}  accuracy ${x.accuracy.toFixed(4)}`
  return [
    `ml:train → models/${result.dir} (${result.model.nTrees} trees): ${result.promotion.alias} (${result.promotion.reason})`,
    `pair-split test (${m.rows} rows):`,
    line('model', m.model),
    ...Object.entries(m.baselines).map(([name, b]) => line(name, b)),
    `held-out-species test (${s.rows} rows):`,
    line('model', s.model),
    ...Object.entries(s.baselines).map(([name, b]) => line(name, b)),
  ].join('\n')
}

/**
 * `ml:train -- [--grid none|fast|exact|extended] [--dataset NAME] [--folds 3] [--force]`
 *
 * @example
 * bun run stage ml:train -- --grid fast
 */
export function createTrainStage(deps: TrainStageDeps) {
  return defineStage({
    name: 'ml:train',
    description: 'Search, train, evaluate, export to ONNX, register and promote a model',
    input: z
      .object({
        grid: z.enum(Object.keys(GRIDS) as [keyof typeof GRIDS]).default('fast'),
        dataset: z
          .string()
          .regex(/^[a-z0-9_-]{1,60}$/)
          .default(DEFAULT_DATASET),
        folds: z.coerce.number().int().min(2).max(10).default(3),
        force: envBoolean.default(false),
      })
      .strict(),
    async run(input, runtime) {
      if (deps.config.skipIfExists && !input.force && (await hasChampion(deps.db, deps.modelsDir))) {
        return 'ml:train: a champion model exists and ML_SKIP_IF_EXISTS=true; nothing to do (--force retrains)'
      }
      const datasetDir = join(deps.dataDir, 'datasets', input.dataset)
      if (!(await Bun.file(join(datasetDir, 'manifest.json')).exists())) {
        throw new UsageError(
          'ML_DATASET_MISSING',
          `no dataset "${input.dataset}" in ${join(deps.dataDir, 'datasets')}; build it with bun run stage ml:dataset`,
        )
      }
      const result = await trainAndRegister({
        db: deps.db,
        space: await deps.battles.features(),
        datasetDir,
        modelsDir: deps.modelsDir,
        grid: input.grid,
        folds: input.folds,
        threads: deps.config.trainThreads,
        log: runtime.log,
        tty: runtime.tty,
        ...(deps.renderReport ? { renderReport: deps.renderReport } : {}),
        ...(deps.onTracked ? { onTracked: deps.onTracked } : {}),
      })
      if (result.promotion.alias === 'champion') await deps.onChampion?.()
      for (const [split, part] of Object.entries(result.evaluations)) {
        for (const [metric, read] of Object.entries(EVALUATION_METRICS))
          runtime.report(ML_METRICS.evaluation, read(part.model), { split, metric })
      }
      runtime.report(ML_METRICS.trees, result.model.nTrees)
      runtime.report(ML_METRICS.promoted, result.promotion.alias === 'champion' ? 1 : 0)
      return summarizeTraining(result)
    },
  })
}
