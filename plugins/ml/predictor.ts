import { join } from 'node:path'
import type { PokedexReader } from '../../core/contracts/pokedex.ts'
import type {
  DriftReport,
  ModelInfo,
  ModelTruth,
  PairPrediction,
  Predictor,
} from '../../core/contracts/predictor.ts'
import type { Db } from '../../core/db/port.ts'
import { describeError, KernelError } from '../../core/errors.ts'
import type { Logger } from '../../core/log.ts'
import type { Metrics } from '../../core/metrics.ts'
import { damagingMoves } from './features/roster-index.ts'
import { FEATURE_NAMES, type FeatureSpace, type SideOutlook } from './features/vector.ts'
import { type ModelMetadata, readChampionPointer, readModelDir } from './model/files.ts'
import { checkServesTrees } from './model/parity.ts'
import { createDriftMonitor, type DriftMonitor } from './monitoring/drift.ts'
import { createOnnxRunner, type OnnxRunner } from './onnx/onnx-runner.ts'
import { createOnnxWorkerRunner } from './onnx/worker-runner.ts'
import { listVersions, versionByAlias } from './registry.repo.ts'
import { createScoreCache, type ScoreCache, scoreWithCache } from './score-cache.ts'
import { TRUTH_FILES } from './truth/files.ts'

/** PSI above this raises the drift alert (the usual "significant shift" threshold). */
export const DRIFT_THRESHOLD = 0.25

interface Loaded {
  runner: OnnxRunner
  metadata: ModelMetadata
  info: ModelInfo
  drift: DriftMonitor
  /** This model's recent answers (a model's answer for a pair never changes). */
  scores: ScoreCache<ReturnType<FeatureSpace['write']>>
}

/** Pairs whose features and answer a loaded model keeps (about 300 bytes each). */
const SCORE_CACHE_PAIRS = 20_000

/**
 * The prediction service: serves the champion ONNX model through onnxruntime-web, computes
 * features with the same module training used, swaps to a new champion without a restart, and
 * refuses a corrupt or mismatched model (the previous one keeps serving).
 */
export function createPredictor(deps: {
  db: Db
  pokedex: PokedexReader
  modelsDir: string
  log: Logger
  metrics: Metrics
  /** The feature space training used (built once, shared with the stages of this process). */
  features: () => Promise<FeatureSpace>
  /**
   * Where the model scores: in a worker thread (serving: the request thread only computes
   * features and answers), or on the calling thread, which saves the worker's cold start
   * (onnxruntime and its WebAssembly loaded again: ≈ 1 CPU-second) where that costs more than it
   * gives — test kernels, dozens per test run. Same answers either way.
   */
  inferenceWorker: boolean
}) {
  const { log } = deps
  let loaded: Loaded | undefined
  const roster = async () => (await deps.features()).index
  let truthCache: { stamp: string; report: ModelTruth | null } | undefined
  const predictions = deps.metrics.counter({
    name: 'predictiondex_predictions_total',
    help: 'Scored matchup pairs by model version and outcome',
    labelNames: ['model_version', 'outcome'],
  })
  const latency = deps.metrics.histogram({
    name: 'predictiondex_prediction_duration_seconds',
    help: 'Time to score one batch of pairs',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
  })
  const probability = deps.metrics.histogram({
    name: 'predictiondex_predicted_win_probability',
    help: 'Predicted P(A wins)',
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  })
  const modelInfo = deps.metrics.gauge({
    name: 'predictiondex_model_info',
    help: 'The model being served (value 1)',
    labelNames: ['version', 'dir', 'sha256'],
  })
  const driftGauge = deps.metrics.gauge({
    name: 'predictiondex_feature_drift_psi',
    help: 'PSI of each feature over the recent prediction window vs the training reference',
    labelNames: ['feature'],
    collect() {
      if (!loaded) return
      for (const f of loaded.drift.report().features) driftGauge.set({ feature: f.name }, f.psi)
    },
  })

  const loadedGauge = deps.metrics.gauge({
    name: 'predictiondex_model_loaded',
    help: '1 while a model is loaded and serving, 0 when none is (predictions answer 503)',
    collect() {
      loadedGauge.set(loaded ? 1 : 0)
    },
  })
  const driftWindow = deps.metrics.gauge({
    name: 'predictiondex_feature_drift_window_rows',
    help: 'Scored rows in the drift window the PSI is computed over (noisy below a few hundred)',
    collect() {
      driftWindow.set(loaded?.drift.rows() ?? 0)
    },
  })

  async function championDir(): Promise<{ dir: string; version: number | null } | undefined> {
    const row = await versionByAlias(deps.db, 'champion').catch(() => undefined)
    if (row) return { dir: row.dir, version: row.version }
    const dir = await readChampionPointer(deps.modelsDir)
    return dir ? { dir, version: null } : undefined
  }

  /** Every alias of the served version (the shipped champion before registration: champion). */
  async function aliasesOf(version: number | null): Promise<string[]> {
    if (version === null) return ['champion']
    return (await listVersions(deps.db)).find((v) => v.version === version)?.aliases ?? []
  }

  async function load(dir: string, version: number | null, checkTrees = false): Promise<Loaded> {
    const { metadata, onnx, json } = await readModelDir(deps.modelsDir, dir)
    const runner = deps.inferenceWorker ? await createOnnxWorkerRunner(onnx) : await createOnnxRunner(onnx)
    try {
      if (runner.nFeatures !== FEATURE_NAMES.length)
        throw new KernelError('ML_MODEL_MISMATCH', `model ${dir} expects ${runner.nFeatures} features`)
      if (checkTrees) await checkServesTrees(runner, json)
    } catch (error) {
      await runner.release()
      throw error
    }
    const aliases = await aliasesOf(version)
    const info: ModelInfo = {
      version,
      dir,
      aliases,
      trainedAt: metadata.createdAt,
      sha256: metadata.sha256,
      featureSpec: metadata.featureSpec,
      params: metadata.params,
      metrics: metadata.metrics,
      dataset: metadata.dataset,
    }
    return {
      runner,
      metadata,
      info,
      drift: createDriftMonitor(FEATURE_NAMES, metadata.reference),
      scores: createScoreCache(SCORE_CACHE_PAIRS),
    }
  }

  /** A folder loaded and checked by `prepare`, served by the next reload that targets it. */
  let prepared: { dir: string; loaded: Loaded } | undefined

  const predictor: Predictor & { loaded(): boolean; prepare(dir: string): Promise<void> } = {
    loaded: () => loaded !== undefined,
    /**
     * Loads a folder not yet registered and checks that its ONNX session serves its JSON trees
     * (`checkServesTrees`); throws to refuse it. The champion watcher calls it before touching the
     * registry; the checked session is then the one served, so a large model is loaded only once.
     */
    async prepare(dir) {
      if (prepared?.dir === dir) return
      const stale = prepared
      prepared = undefined
      await stale?.loaded.runner.release()
      prepared = { dir, loaded: await load(dir, null, true) }
    },
    modelInfo: () => loaded?.info ?? null,
    async reload() {
      const target = await championDir()
      if (!target) return
      const current = loaded
      if (current && target.dir === current.metadata.dir) {
        // Same files, but the version (first registration) or its aliases may have changed.
        const { info } = current
        if (info.version !== target.version) {
          modelInfo.reset()
          modelInfo.set(
            { version: String(target.version ?? 'shipped'), dir: info.dir, sha256: info.sha256 },
            1,
          )
        }
        current.info = { ...info, version: target.version, aliases: await aliasesOf(target.version) }
        return
      }
      try {
        const spare = prepared
        prepared = undefined
        const ready = spare?.dir === target.dir ? spare.loaded : undefined
        if (spare && !ready) await spare.loaded.runner.release()
        const next = ready
          ? {
              ...ready,
              info: { ...ready.info, version: target.version, aliases: await aliasesOf(target.version) },
            }
          : // Not registered (the pointer file alone): no one has run its ONNX against its trees yet.
            await load(target.dir, target.version, target.version === null)
        const previous = loaded
        loaded = next
        modelInfo.reset()
        modelInfo.set(
          { version: String(next.info.version ?? 'shipped'), dir: next.info.dir, sha256: next.info.sha256 },
          1,
        )
        log.info('serving model', { dir: next.info.dir, version: next.info.version })
        await previous?.runner.release()
      } catch (error) {
        log.error('refused model; the previous one keeps serving', {
          dir: target.dir,
          error: describeError(error),
        })
      }
    },
    async predictPairs(pairs) {
      const current = loaded
      if (!current)
        throw new KernelError('ML_NO_MODEL', 'no model is loaded yet: train one with bun run stage ml:train')
      const space = await deps.features()
      const started = performance.now()
      const width = FEATURE_NAMES.length
      const scored = await scoreWithCache(
        current.scores,
        pairs,
        width,
        (pair, into, offset) => space.write(pair, into, offset),
        (rows, nRows) => current.runner.predictProba({ values: rows, nRows, nFeatures: width }),
      )
      current.drift.observe(scored)
      latency.observe((performance.now() - started) / 1000)
      let aWins = 0
      const outlook = (d: SideOutlook) => ({
        damageShare: d.share,
        hitsToKo: d.hitsToKo,
        turnsToKo: d.turnsToKo,
        effectiveness: d.effectiveness,
        stab: d.stab > 1,
      })
      const out = scored.map(({ p: winProbability, extra: e }): PairPrediction => {
        probability.observe(winProbability)
        if (winProbability >= 0.5) aWins++
        return { winProbability, a: outlook(e.a), b: outlook(e.b), aMovesFirst: e.first }
      })
      // Counted per batch, not per pair: a best-move request scores ~16 pairs.
      const version = String(current.info.version ?? 'shipped')
      if (aWins > 0) predictions.inc({ model_version: version, outcome: 'a_wins' }, aWins)
      if (pairs.length > aWins)
        predictions.inc({ model_version: version, outcome: 'b_wins' }, pairs.length - aWins)
      return out
    },
    async damagingMoves(form) {
      return damagingMoves(await roster(), form).map((m) => m.slug)
    },
    async truth() {
      const dir = loaded?.metadata.dir
      if (!dir) return null
      const file = Bun.file(join(deps.modelsDir, dir, TRUTH_FILES.json))
      if (!(await file.exists())) return null
      const stamp = `${dir}|${file.lastModified}`
      if (truthCache?.stamp !== stamp) {
        truthCache = { stamp, report: (await file.json().catch(() => null)) as ModelTruth | null }
      }
      return truthCache.report
    },
    drift(): DriftReport {
      const report = loaded?.drift.report() ?? { window: 0, features: [] }
      return {
        window: report.window,
        threshold: DRIFT_THRESHOLD,
        features: report.features.map((f) => ({ ...f, drifted: f.psi > DRIFT_THRESHOLD })),
      }
    },
  }
  return predictor
}
