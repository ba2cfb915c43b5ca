import type { ErrorStats, ModelTruth } from '../../../core/contracts/model-truth.ts'
import { pairSplit } from '../dataset/splits.ts'
import { FEATURE_NAMES, type FeatureSpace, type MatchupInput } from '../features/vector.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { type MechanicClass, MOVE_CLASSES, PAIR_CLASSES } from './classes.ts'
import type { TruthRows } from './truth-rows.ts'

/** The acceptance bars. */
export const TRUTH_TARGETS = { mae: 0.02, shareOver01: 0.02, mechanicMae: 0.05 } as const

const CHUNK = 20_000
const WORST = 25

class Stats {
  pairs = 0
  sum = 0
  over01 = 0
  max = 0
  add(error: number) {
    this.pairs++
    this.sum += error
    if (error > 0.1) this.over01++
    if (error > this.max) this.max = error
  }
  done(): ErrorStats {
    const n = Math.max(1, this.pairs)
    return { pairs: this.pairs, mae: this.sum / n, shareOver01: this.over01 / n, maxError: this.max }
  }
}

/**
 * Scores a model on exact answers, chunk by chunk (features from the one feature module, the
 * model's own trees), and gathers the report: MAE, share off by > 0.1, calibration, worst pairs,
 * error by mechanic class, and the matchups never trained on (`trainSeed`: the pair split of the
 * training dataset).
 *
 * @example
 * const truth = scoreTruth({ rows, space, model, classesOf, modelDir, dataset: name })
 */
export function scoreTruth(options: {
  rows: TruthRows
  space: FeatureSpace
  model: GbdtModel
  /** Mechanic classes of a move (by slug). */
  classesOf: (move: string) => readonly MechanicClass[]
  modelDir: string
  dataset: string
  trainSeed?: number
  onProgress?: (done: number, total: number) => void
}): ModelTruth {
  const { rows, space, model } = options
  const started = performance.now()
  const overall = new Stats()
  const unseen = new Stats()
  let sumSq = 0
  let over005 = 0
  const classes = new Map<MechanicClass, Stats>(
    [...MOVE_CLASSES, ...PAIR_CLASSES].map((c) => [c, new Stats()]),
  )
  const bins = Array.from({ length: 10 }, () => ({ pairs: 0, predicted: 0, exact: 0 }))
  let worst: ModelTruth['worst'] = []
  const width = FEATURE_NAMES.length
  const col = (name: string) => FEATURE_NAMES.indexOf(name)
  const shareA = col('a_move_mean_share')
  const shareB = col('b_move_mean_share')
  const ppA = col('a_move_max_pp')
  const ppB = col('b_move_max_pp')
  for (let start = 0; start < rows.count; start += CHUNK) {
    const end = Math.min(rows.count, start + CHUNK)
    const inputs: MatchupInput[] = []
    for (let i = start; i < end; i++) {
      inputs.push({
        a: rows.slugs[rows.a[i]!]!,
        moveA: rows.slugs[rows.moveA[i]!]!,
        b: rows.slugs[rows.b[i]!]!,
        moveB: rows.slugs[rows.moveB[i]!]!,
      })
    }
    const values = space.matrix(inputs)
    const p = model.predictProba({ values, nRows: inputs.length, nFeatures: width })
    for (let j = 0; j < inputs.length; j++) {
      const i = start + j
      const exact = rows.exact[i]!
      const predicted = p[j]!
      const error = Math.abs(predicted - exact)
      overall.add(error)
      sumSq += error * error
      if (error > 0.05) over005++
      const bin = bins[Math.min(9, Math.floor(predicted * 10))]!
      bin.pairs++
      bin.predicted += predicted
      bin.exact += exact
      const input = inputs[j]!
      if (options.trainSeed !== undefined && pairSplit(options.trainSeed, input.a, input.b) === 'test')
        unseen.add(error)
      const seen = new Set<MechanicClass>([
        ...options.classesOf(input.moveA),
        ...options.classesOf(input.moveB),
      ])
      const row = j * width
      if (values[row + shareA]! === 0 || values[row + shareB]! === 0) seen.add('one side deals no damage')
      if (rows.meanTurns[i]! >= Math.min(values[row + ppA]!, values[row + ppB]!))
        seen.add('lasts past a side’s PP (Struggle)')
      for (const c of seen) classes.get(c)!.add(error)
      if (worst.length < WORST || error > errorOf(worst[worst.length - 1]!)) {
        worst.push({ ...input, predicted, exact })
        worst.sort((x, y) => errorOf(y) - errorOf(x))
        worst = worst.slice(0, WORST)
      }
    }
    options.onProgress?.(end, rows.count)
  }
  const seconds = (performance.now() - started) / 1000
  const all = overall.done()
  const byMechanic = [...classes.entries()]
    .filter(([, s]) => s.pairs > 0)
    .map(([mechanic, s]) => ({ mechanic, ...s.done() }))
    .sort((x, y) => y.mae - x.mae)
  const n = Math.max(1, all.pairs)
  return {
    modelDir: options.modelDir,
    createdAt: new Date().toISOString(),
    truth: { dataset: options.dataset, partial: rows.partial, skipped: rows.skipped },
    overall: { ...all, rmse: Math.sqrt(sumSq / n), shareOver005: over005 / n },
    unseenMatchups: options.trainSeed === undefined ? null : unseen.done(),
    calibration: bins.map((b, i) => ({
      from: i / 10,
      to: (i + 1) / 10,
      pairs: b.pairs,
      predicted: b.pairs ? b.predicted / b.pairs : 0,
      exact: b.pairs ? b.exact / b.pairs : 0,
    })),
    byMechanic,
    worst,
    targets: { ...TRUTH_TARGETS },
    passed: {
      mae: all.mae <= TRUTH_TARGETS.mae,
      shareOver01: all.shareOver01 <= TRUTH_TARGETS.shareOver01,
      mechanics: byMechanic.every((c) => c.mae <= TRUTH_TARGETS.mechanicMae),
    },
    scoring: { seconds, pairsPerSecond: all.pairs / Math.max(seconds, 1e-9) },
  }
}

function errorOf(w: ModelTruth['worst'][number]): number {
  return Math.abs(w.predicted - w.exact)
}
