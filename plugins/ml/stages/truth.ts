import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { UsageError } from '../../../core/errors.ts'
import { createProgress } from '../../../core/progress.ts'
import { defineStage } from '../../../core/stages.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import type { BattleService } from '../battle-service.ts'
import type { Manifest } from '../dataset/build.ts'
import { moveMechanics } from '../features/move-mechanics.ts'
import { parseModel } from '../gbdt/serialize.ts'
import { readChampionPointer, readModelDir } from '../model/files.ts'
import { type MechanicClass, moveClasses } from '../truth/classes.ts'
import { TRUTH_FILES } from '../truth/files.ts'
import { renderTruth } from '../truth/render.ts'
import { scoreTruth } from '../truth/score.ts'
import { readTruthRows } from '../truth/truth-rows.ts'

/** The truth set the report uses by default: a million random covered pairs, seed 2027. */
export const DEFAULT_TRUTH_DATASET = 'random_pairs-n1001000-k1-seed2027'

/**
 * `ml:truth -- [--dataset NAME] [--dir MODEL_DIR]`: the model against the exact solver on a
 * random-pairs dataset built with exact labels (`ml:dataset -- --scenario random_pairs`); works on
 * a build still running (the pairs solved so far). Writes the report into the model's folder.
 *
 * @example
 * bun run stage ml:truth -- --dataset random_pairs-n1001000-k1-seed2027
 */
export function createTruthStage(deps: { battles: BattleService; dataDir: string; modelsDir: string }) {
  return defineStage({
    name: 'ml:truth',
    description: 'Check a model against the exact solver on random covered pairs (truth report)',
    inPipeline: false,
    input: z
      .object({
        dataset: z
          .string()
          .regex(/^[a-z0-9_-]{1,60}$/)
          .default(DEFAULT_TRUTH_DATASET),
        dir: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,80}$/)
          .optional(),
      })
      .strict(),
    async run(input, runtime) {
      const dir = input.dir ?? (await readChampionPointer(deps.modelsDir))
      if (!dir) throw new UsageError('ML_NO_MODEL', 'no champion model; give --dir or train one')
      const { json, metadata } = await readModelDir(deps.modelsDir, dir)
      const datasetDir = join(deps.dataDir, 'datasets', input.dataset)
      const rows = await readTruthRows(datasetDir).catch((error: Error) => {
        throw new UsageError('ML_DATASET_MISSING', error.message)
      })
      if (rows.count === 0) throw new UsageError('ML_DATASET_EMPTY', `${input.dataset} has no exact rows yet`)
      const manifest = await readJson<Manifest>(join(datasetDir, 'manifest.json'))
      const trained = await readJson<Manifest>(
        join(deps.dataDir, 'datasets', metadata.dataset.name, 'manifest.json'),
      )
      const engine = createLgpeEngine()
      const space = await deps.battles.features()
      const classes = new Map<string, readonly MechanicClass[]>()
      const classesOf = (slug: string) => {
        let known = classes.get(slug)
        if (!known) {
          const id = space.index.moves.get(slug)?.showdown_id
          known = id ? moveClasses(moveMechanics(engine.dex.moves.get(id))) : []
          classes.set(slug, known)
        }
        return known
      }
      const progress = createProgress({
        label: 'truth',
        total: rows.count,
        log: runtime.log,
        tty: runtime.tty,
      })
      const report = scoreTruth({
        rows,
        space,
        model: parseModel(json),
        classesOf,
        modelDir: dir,
        dataset: input.dataset,
        ...(trained ? { trainSeed: trained.params.seed } : {}),
        onProgress: (done, total) => progress.update(done, total),
      })
      progress.done(`${rows.count} pairs scored`)
      const solving = manifest
        ? `${manifest.rows.toLocaleString('en')} pairs solved in ${(manifest.seconds / 3600).toFixed(1)} h (${(manifest.rows / Math.max(manifest.seconds, 1)).toFixed(1)} pairs/s)`
        : undefined
      await writeFile(join(deps.modelsDir, dir, TRUTH_FILES.json), `${JSON.stringify(report, null, 1)}\n`)
      await writeFile(
        join(deps.modelsDir, dir, TRUTH_FILES.markdown),
        renderTruth(report, solving ? { solving } : {}),
      )
      const o = report.overall
      return [
        `ml:truth ${dir} on ${input.dataset}${rows.partial ? ' (solve still running: pairs finished so far)' : ''}`,
        `  ${o.pairs} pairs: MAE ${o.mae.toFixed(4)} (target ≤ ${report.targets.mae}), off by > 0.1: ${(100 * o.shareOver01).toFixed(2)} % (≤ ${100 * report.targets.shareOver01} %), max ${o.maxError.toFixed(3)}`,
        `  worst mechanic: ${report.byMechanic[0]?.mechanic} MAE ${report.byMechanic[0]?.mae.toFixed(4)} (≤ ${report.targets.mechanicMae} for every class: ${report.passed.mechanics ? 'yes' : 'no'})`,
        report.unseenMatchups
          ? `  unseen matchups: ${report.unseenMatchups.pairs} pairs, MAE ${report.unseenMatchups.mae.toFixed(4)}`
          : '',
        `  → ${join(deps.modelsDir, dir, TRUTH_FILES.markdown)}`,
      ]
        .filter(Boolean)
        .join('\n')
    },
  })
}

async function readJson<T>(path: string): Promise<T | undefined> {
  return readFile(path, 'utf8')
    .then((text) => JSON.parse(text) as T)
    .catch(() => undefined)
}
