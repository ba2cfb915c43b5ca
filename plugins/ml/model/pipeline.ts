import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from '../../../core/db/port.ts'
import { KernelError } from '../../../core/errors.ts'
import type { Logger } from '../../../core/log.ts'
import type { Manifest } from '../dataset/build.ts'
import { type DatasetRow, parseRows } from '../dataset/rows.ts'
import { FEATURE_NAMES, FEATURE_SPEC_VERSION, type FeatureSpace } from '../features/vector.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { serializeModel } from '../gbdt/serialize.ts'
import { trainGbdt } from '../gbdt/train.ts'
import { simdKernelsAvailable } from '../gbdt/wasm-histogram.ts'
import { buildReference } from '../monitoring/psi.ts'
import { exportToOnnx } from '../onnx/export-onnx.ts'
import { finishTrackedRun, recordArtifacts, startTrackedRun } from '../registry.repo.ts'
import { evaluatePart, type PartEvaluation } from './evaluation.ts'
import { type ModelMetadata, sha256, writeModelDir } from './files.ts'
import { checkOnnxParity } from './parity.ts'
import { type Promotion, promote } from './promotion.ts'
import { BASE_PARAMS, type CandidateScore, GRIDS, type GridName, gridSearch } from './search.ts'
import { toLabelledData } from './training-data.ts'

export interface TrainResult {
  dir: string
  metadata: ModelMetadata
  promotion: Promotion
  search: CandidateScore[]
  evaluations: { pair_test: PartEvaluation; species_test: PartEvaluation }
  model: GbdtModel
}

/** What a report renderer gets: the run's results plus dataset identity. */
export interface ReportContext extends Omit<TrainResult, 'dir' | 'metadata' | 'promotion'> {
  datasetName: string
  datasetHash: string
  rowsPerSplit: Record<string, number>
  createdAt: string
}

function gitCommit(): string | null {
  const out = Bun.spawnSync(['git', 'rev-parse', 'HEAD'], { stderr: 'ignore' })
  return out.exitCode === 0 ? out.stdout.toString().trim() : null
}

/**
 * dataset → search → train → evaluate → export → register → promote, tracked as one run.
 *
 * The champion artefact is trained on the pair split's train part (early stopping on its
 * validation part); the held-out-species evaluation uses a second model with the same parameters
 * trained without those species, so no test species is ever seen in training.
 */
export async function trainAndRegister(options: {
  db: Db
  space: FeatureSpace
  datasetDir: string
  modelsDir: string
  grid: GridName
  folds: number
  /** Training threads (ML_TRAIN_THREADS); the models do not depend on it. */
  threads?: number
  log: Logger
  tty: boolean
  renderReport?: (context: ReportContext) => Record<string, string>
  onTracked?: (run: {
    runId: number
    dir: string
    promotion: Promotion
    params: Record<string, unknown>
    metrics: Record<string, number>
    files: Record<string, Uint8Array | string>
  }) => Promise<void>
}): Promise<TrainResult> {
  const { db, space, log } = options
  if (!simdKernelsAvailable()) {
    log.warn(
      'this runtime has no WebAssembly SIMD: training runs its JavaScript loops (the same model, slower)',
      {
        code: 'GBDT_NO_WASM_SIMD',
      },
    )
  }
  const manifest: Manifest = JSON.parse(await readFile(join(options.datasetDir, 'manifest.json'), 'utf8'))
  const rows = parseRows(await readFile(join(options.datasetDir, 'rows.csv'), 'utf8'))
  const part = (key: 'split_pair' | 'split_species', value: string) => rows.filter((r) => r[key] === value)
  const [train, validation, test] = [
    part('split_pair', 'train'),
    part('split_pair', 'validation'),
    part('split_pair', 'test'),
  ]
  if (train.length === 0 || validation.length === 0 || test.length === 0) {
    throw new KernelError(
      'ML_DATASET_TOO_SMALL',
      `dataset ${manifest.name} needs rows in every pair split part (train ${train.length}, validation ${validation.length}, test ${test.length})`,
    )
  }
  const runId = await startTrackedRun(db, 'predictiondex', `train-${manifest.name}`, {
    grid: options.grid,
    dataset: manifest.name,
  })
  try {
    const search =
      GRIDS[options.grid].length <= 1
        ? []
        : gridSearch({
            space,
            train,
            validation,
            grid: GRIDS[options.grid],
            folds: options.folds,
            threads: options.threads ?? 1,
            log,
            tty: options.tty,
          })
    const params = { ...BASE_PARAMS, ...(search[0]?.params ?? GRIDS[options.grid][0] ?? {}) }
    log.info('training the final model', { params, rows: train.length })
    const fit = (fitRows: readonly DatasetRow[], validRows: readonly DatasetRow[]) =>
      trainGbdt(toLabelledData(space, fitRows), params, {
        validation: toLabelledData(space, validRows),
        featureNames: [...FEATURE_NAMES],
        threads: options.threads ?? 1,
      })
    const model = fit(train, validation)
    const speciesTrain = part('split_species', 'train')
    const speciesModel = fit(
      speciesTrain.filter((r) => r.split_pair !== 'validation'),
      speciesTrain.filter((r) => r.split_pair === 'validation'),
    )
    const evaluations = {
      pair_test: evaluatePart(space, model, train, test),
      species_test: evaluatePart(space, speciesModel, speciesTrain, part('split_species', 'test')),
    }
    const onnx = exportToOnnx(model, {
      metadata: { dataset: manifest.contentHash, feature_spec: String(FEATURE_SPEC_VERSION) },
    })
    await checkOnnxParity(onnx, model, toLabelledData(space, test.slice(0, 2000)).features)
    const trainData = toLabelledData(space, train)
    const createdAt = new Date().toISOString()
    const metrics = {
      pair_test: evaluations.pair_test.model,
      species_test: evaluations.species_test.model,
      pair_test_by_scenario: evaluations.pair_test.perScenario,
    }
    const rowsPerSplit = {
      train: train.length,
      validation: validation.length,
      pair_test: test.length,
      species_test: evaluations.species_test.rows,
    }
    const extra =
      options.renderReport?.({
        search,
        evaluations,
        model,
        datasetName: manifest.name,
        datasetHash: manifest.contentHash,
        rowsPerSplit,
        createdAt,
      }) ?? {}
    const { dir, metadata } = await writeModelDir(options.modelsDir, {
      onnx,
      json: serializeModel(model),
      extra,
      metadata: {
        format: 'predictiondex-model/1',
        createdAt,
        gitCommit: gitCommit(),
        featureSpec: { version: FEATURE_SPEC_VERSION, names: [...FEATURE_NAMES] },
        params: { ...model.params },
        bestIteration: model.history.bestIteration,
        trees: model.nTrees,
        dataset: {
          name: manifest.name,
          contentHash: manifest.contentHash,
          rows: { train: train.length, validation: validation.length, test: test.length },
        },
        engine: manifest.engine,
        metrics,
        reference: buildReference(
          trainData.features.values,
          trainData.features.nRows,
          trainData.features.nFeatures,
        ),
        runId,
      },
    })
    const promotion = await promote({
      db,
      space,
      modelsDir: options.modelsDir,
      dir,
      metadata,
      model,
      testRows: test,
      log,
    })
    const flat = {
      test_log_loss: evaluations.pair_test.model.logLoss,
      test_brier: evaluations.pair_test.model.brier,
      test_roc_auc: evaluations.pair_test.model.rocAuc,
      test_accuracy: evaluations.pair_test.model.accuracy,
      species_test_log_loss: evaluations.species_test.model.logLoss,
      trees: model.nTrees,
    }
    const files: Record<string, Uint8Array | string> = {
      'model.onnx': onnx,
      'metadata.json': JSON.stringify(metadata),
      ...extra,
    }
    await recordArtifacts(
      db,
      runId,
      Object.entries(files).map(([path, body]) => ({
        path: `${dir}/${path}`,
        sha256: sha256(body),
        bytes: typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
      })),
    )
    await options.onTracked?.({
      runId,
      dir,
      promotion,
      params: model.params as Record<string, unknown>,
      metrics: flat,
      files,
    })
    await finishTrackedRun(db, runId, {
      status: 'finished',
      metrics: flat,
      tags: { dir, promotion: promotion.alias },
    })
    return { dir, metadata, promotion, search, evaluations, model }
  } catch (error) {
    await finishTrackedRun(db, runId, {
      status: 'failed',
      error: error instanceof Error ? error.message : String(error),
    })
    throw error
  }
}
