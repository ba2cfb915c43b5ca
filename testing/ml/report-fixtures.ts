import { DOMParser } from 'linkedom'
import { evaluateBinary, type ScoredOutcomes } from '../../plugins/ml/gbdt/metrics.ts'
import { createRandom } from '../../plugins/ml/gbdt/prng.ts'
import type { ModelReportInput, TestPart, TestPartEvaluation } from '../../plugins/ml/report/report-input.ts'
import { xmlProblems } from './svg-well-formed.ts'

/**
 * Parses a chart for assertions after checking it is well-formed XML with the strict checker
 * (linkedom alone would repair a broken document and hide the bug).
 *
 * @example
 * parseSvg(rocChart(series)).querySelectorAll('path.series').length
 */
export function parseSvg(svg: string): Element {
  const problems = xmlProblems(svg)
  if (problems.length > 0) throw new Error(`SVG is not well-formed XML: ${problems.join('; ')}`)
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml')
  const root = document.documentElement as unknown as Element | null
  if (root === null || root.tagName !== 'svg') throw new Error('root element is not <svg>')
  return root
}

/**
 * Random scored battles for tests: true P(A wins) per row, k battles, w wins drawn from it, and a
 * "model" probability that is the truth plus noise — so metrics land where real ones do.
 *
 * @example
 * const scored = randomScoredRows(createRandom(1), 500)
 */
export function randomScoredRows(
  random: () => number,
  rows: number,
  options: { maxTrials?: number; noise?: number; decimals?: number } = {},
): ScoredOutcomes & { truth: number[] } {
  const truth: number[] = []
  const probability: number[] = []
  const wins: number[] = []
  const trials: number[] = []
  for (let r = 0; r < rows; r++) {
    const p = random()
    const k = 1 + Math.floor(random() * (options.maxTrials ?? 5))
    let w = 0
    for (let t = 0; t < k; t++) if (random() < p) w++
    truth.push(p)
    // Rounded (2 decimals by default) on purpose: real models produce ties, and tie handling is what
    // ROC code gets wrong.
    const noisy = p + (random() - 0.5) * (options.noise ?? 0.4)
    probability.push(Number(Math.min(0.99, Math.max(0.01, noisy)).toFixed(options.decimals ?? 2)))
    wins.push(w)
    trials.push(k)
  }
  return { truth, probability, wins, trials }
}

const pick = (scored: ScoredOutcomes, rows: number[]): ScoredOutcomes => ({
  probability: rows.map((r) => scored.probability[r]!),
  wins: rows.map((r) => scored.wins[r]!),
  trials: rows.map((r) => scored.trials[r]!),
})

/** A verdict baseline: three probability levels learnt from a coarse view of the truth. */
function baselineScores(rows: ReturnType<typeof randomScoredRows>, cut: number): ScoredOutcomes {
  return { ...rows, probability: rows.truth.map((p) => (p > cut + 0.1 ? 0.7 : p < cut - 0.1 ? 0.3 : 0.5)) }
}

/**
 * A complete, plausible `ModelReportInput` (two test parts, three baselines, three scenarios, 30
 * features, 120 rounds, a 15-point grid) derived from a seed.
 *
 * @example
 * renderModelReport(sampleReportInput(7))
 */
export function sampleReportInput(seed = 1): ModelReportInput {
  const random = createRandom(seed)
  const roc: Partial<Record<TestPart, Record<string, ScoredOutcomes>>> = {}
  const evaluations = {} as Record<TestPart, TestPartEvaluation>
  for (const part of ['pair_test', 'species_test'] as const) {
    const rows = randomScoredRows(random, 1_500, { noise: part === 'pair_test' ? 0.3 : 0.5 })
    const scored = {
      model: { probability: rows.probability, wins: rows.wins, trials: rows.trials },
      faster: baselineScores(rows, 0.5),
      bst: baselineScores(rows, 0.4),
      turns_to_ko: baselineScores(rows, 0.55),
    }
    roc[part] = scored
    const scenarioRows = (s: number) => rows.truth.flatMap((_, r) => (r % 3 === s ? [r] : []))
    evaluations[part] = {
      model: evaluateBinary(scored.model),
      baselines: {
        faster: evaluateBinary(scored.faster),
        bst: evaluateBinary(scored.bst),
        turns_to_ko: evaluateBinary(scored.turns_to_ko),
      },
      scenarios: {
        best_move: evaluateBinary(pick(scored.model, scenarioRows(0))),
        random_move: evaluateBinary(pick(scored.model, scenarioRows(1))),
        all_combinations: evaluateBinary(pick(scored.model, scenarioRows(2))),
      },
    }
  }
  const rounds = 120
  return {
    model: {
      version: `gbdt-2025-06-01-${seed}`,
      createdAt: '2025-06-01T12:00:00Z',
      featureSpecVersion: 'features-v3',
      parameters: { nEstimators: 300, maxDepth: 6, learningRate: 0.1, subsample: 0.8, seed },
    },
    dataset: {
      name: 'lgpe-battles-v1',
      manifestHash: 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      rowsPerSplit: { train: 630_000, validation: 135_000, pair_test: 135_000, species_test: 240_512 },
    },
    evaluations,
    roc,
    featureImportance: Array.from({ length: 30 }, (_, i) => ({
      feature: `feature_${String(i).padStart(2, '0')}_${i % 2 === 0 ? 'speed_ratio' : 'best_move_turns_to_ko'}`,
      gain: 1000 * random() * (30 - i),
    })),
    history: {
      trainLogLoss: Array.from({ length: rounds }, (_, i) => 0.69 * Math.exp(-i / 40) + 0.3),
      validLogLoss: Array.from(
        { length: rounds },
        (_, i) => 0.69 * Math.exp(-i / 35) + 0.36 + ((i - 90) / 600) ** 2,
      ),
      bestIteration: 89,
    },
    search: {
      rows: Array.from({ length: 15 }, (_, i) => ({
        params: {
          maxDepth: 3 + (i % 5),
          learningRate: [0.05, 0.1, 0.3][Math.floor(i / 5)]!,
          nEstimators: 300,
        },
        cvLogLossMean: 0.45 + random() * 0.1,
        cvLogLossStd: 0.002 + random() * 0.01,
      })),
      chosenIndex: 7,
      description: '3-fold cross-validation grouped by matchup on the training part.',
    },
  }
}
