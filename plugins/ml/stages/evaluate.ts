import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { UsageError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import type { BattleService } from '../battle-service.ts'
import { parseRows } from '../dataset/rows.ts'
import { parseModel } from '../gbdt/serialize.ts'
import { evaluatePart } from '../model/evaluation.ts'
import { readChampionPointer, readModelDir } from '../model/files.ts'
import { DEFAULT_DATASET } from './train.ts'

/**
 * `ml:evaluate -- [--dir MODEL_DIR] [--dataset NAME]`: scores a model (default: the champion) on a
 * dataset's pair-split test rows, overall and per scenario, next to the baselines, and writes
 * `evaluation-<dataset>.json` into the model folder. The split is a function of the seed and the
 * pair, so datasets built with the same seed share their test pairs and nothing trained is scored.
 *
 * @example
 * bun run stage ml:evaluate -- --dataset best_move-k16-seed42
 */
export function createEvaluateStage(deps: { battles: BattleService; dataDir: string; modelsDir: string }) {
  return defineStage({
    name: 'ml:evaluate',
    description: 'Score a model on a dataset’s test pairs, per scenario, next to the baselines',
    inPipeline: false,
    input: z
      .object({
        dir: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,80}$/)
          .optional(),
        dataset: z
          .string()
          .regex(/^[a-z0-9_-]{1,60}$/)
          .default(DEFAULT_DATASET),
      })
      .strict(),
    async run(input) {
      const dir = input.dir ?? (await readChampionPointer(deps.modelsDir))
      if (!dir) throw new UsageError('ML_NO_MODEL', 'no champion model; give --dir or train one')
      const { json } = await readModelDir(deps.modelsDir, dir)
      const text = await readFile(join(deps.dataDir, 'datasets', input.dataset, 'rows.csv'), 'utf8').catch(
        () => {
          throw new UsageError(
            'ML_DATASET_MISSING',
            `no dataset "${input.dataset}"; build it with bun run stage ml:dataset`,
          )
        },
      )
      const rows = parseRows(text)
      const part = evaluatePart(
        await deps.battles.features(),
        parseModel(json),
        rows.filter((r) => r.split_pair === 'train'),
        rows.filter((r) => r.split_pair === 'test'),
      )
      const { scores: _scores, ...report } = part
      await writeFile(
        join(deps.modelsDir, dir, `evaluation-${input.dataset}.json`),
        `${JSON.stringify(report, null, 1)}\n`,
      )
      const line = (
        name: string,
        m: {
          logLoss: number
          brier: number
          rocAuc: number
          accuracy: number
          expectedCalibrationError: number
        },
      ) =>
        `  ${name.padEnd(18)} log-loss ${m.logLoss.toFixed(4)}  Brier ${m.brier.toFixed(4)}  ROC-AUC ${m.rocAuc.toFixed(4)}  accuracy ${m.accuracy.toFixed(4)}  ECE ${m.expectedCalibrationError.toFixed(4)}`
      return [
        `ml:evaluate ${dir} on ${input.dataset} (${part.rows} test rows)`,
        line('model', part.model),
        ...Object.entries(part.baselines).map(([n, m]) => line(n, m)),
        ...Object.entries(part.perScenario).map(([n, m]) => line(`model/${n}`, m)),
      ].join('\n')
    },
  })
}
