/**
 * Training speed of our GBDT (plugins/ml/gbdt) on a synthetic battle dataset, one thread.
 *
 *   bun bench/gbdt.ts [--rows 100000] [--features 60] [--trees 100] [--depth 6] [--runs 3]
 *   bun bench/gbdt.ts --full                         (500k × 60, 300 trees: the XGBoost reference size)
 *   bun bench/gbdt.ts --full --xgboost /usr/bin/python3 [--xgboost-threads 2]
 *
 * Prints rows, features, trees and the median of `runs` training times (quantisation included,
 * data generation excluded) with train and held-out log-loss. `--xgboost <python>` also trains
 * XGBoost (`hist`, same depth/eta/lambda/min_child_weight/max_bin/base score) on the very same data
 * (exchanged as raw little-endian binary files, not CSV, so no value is rounded) and prints its
 * time and log-losses. The XGBoost reference on the 2-core machine: 20.8 s with 2 threads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { logLoss, trainGbdt } from '../plugins/ml/gbdt/index.ts'
import { makeSyntheticBattles } from '../testing/ml/synthetic-battles.ts'
import { median } from './median.ts'

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string' },
    features: { type: 'string', default: '60' },
    trees: { type: 'string' },
    depth: { type: 'string', default: '6' },
    runs: { type: 'string', default: '3' },
    full: { type: 'boolean', default: false },
    xgboost: { type: 'string' },
    'xgboost-threads': { type: 'string', default: '2' },
  },
})
const rows = Number(flags.rows ?? (flags.full ? 500_000 : 100_000))
const nFeatures = Number(flags.features)
const trees = Number(flags.trees ?? (flags.full ? 300 : 100))
const depth = Number(flags.depth)
const runs = Number(flags.runs)
const params = { nEstimators: trees, maxDepth: depth, learningRate: 0.3, seed: 7 }

const train = makeSyntheticBattles({ nRows: rows, nFeatures, seed: 1, maxTrials: 3 })
const heldOut = makeSyntheticBattles({ nRows: Math.round(rows / 5), nFeatures, seed: 2, maxTrials: 3 })
const seconds: number[] = []
let losses = { train: 0, heldOut: 0 }
for (let run = 0; run < runs; run++) {
  const started = performance.now()
  const model = trainGbdt(train, params)
  seconds.push((performance.now() - started) / 1000)
  losses = {
    train: model.history.trainLogLoss.at(-1)!,
    heldOut: logLoss({
      probability: model.predictProba(heldOut.features),
      wins: heldOut.wins,
      trials: heldOut.trials,
    }),
  }
}
console.log(
  `gbdt (TypeScript, 1 thread): rows ${rows}, features ${nFeatures}, trees ${trees}, depth ${depth}`,
)
console.log(
  `  seconds: median ${median(seconds).toFixed(2)} of ${runs} (${seconds.map((s) => s.toFixed(2)).join(', ')})`,
)
console.log(`  log-loss: train ${losses.train.toFixed(5)}, held-out ${losses.heldOut.toFixed(5)}`)

async function compareWithXgboost(python: string, threads: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gbdt-bench-'))
  try {
    for (const [name, data] of [
      ['train', train],
      ['test', heldOut],
    ] as const) {
      writeFileSync(join(dir, `${name}.x.f32`), data.features.values)
      writeFileSync(join(dir, `${name}.w.f64`), Float64Array.from(data.wins))
      writeFileSync(join(dir, `${name}.k.f64`), Float64Array.from(data.trials))
    }
    const meta = { nFeatures, trees, depth, threads, eta: params.learningRate, runs }
    const proc = Bun.spawn([python, '-c', xgboostScript, dir, JSON.stringify(meta)], {
      stdout: 'inherit',
      stderr: 'inherit',
    })
    if ((await proc.exited) !== 0) throw new Error(`${python} exited with ${proc.exitCode}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const xgboostScript = `
import json, sys, time, numpy as np, xgboost as xgb
d, meta = sys.argv[1], json.loads(sys.argv[2])
def load(name):
    x = np.fromfile(f"{d}/{name}.x.f32", dtype="<f4").reshape(-1, meta["nFeatures"])
    w = np.fromfile(f"{d}/{name}.w.f64", dtype="<f8"); k = np.fromfile(f"{d}/{name}.k.f64", dtype="<f8")
    return x, w, k
def loss(p, w, k):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return float(-(w * np.log(p) + (k - w) * np.log(1 - p)).sum() / k.sum())
(x, w, k), (xt, wt, kt) = load("train"), load("test")
base = float(w.sum() / k.sum())
params = dict(objective="binary:logistic", tree_method="hist", max_depth=meta["depth"], eta=meta["eta"],
              reg_lambda=1.0, min_child_weight=1.0, max_bin=256, base_score=base, nthread=meta["threads"])
seconds = []
for _ in range(meta["runs"]):
    dtrain = xgb.DMatrix(x, label=w / k, weight=k, nthread=meta["threads"])
    started = time.perf_counter()
    booster = xgb.train(params, dtrain, num_boost_round=meta["trees"])
    seconds.append(time.perf_counter() - started)
ptrain = booster.predict(dtrain); ptest = booster.predict(xgb.DMatrix(xt))
print(f"xgboost {xgb.__version__} (hist, {meta['threads']} threads): median {sorted(seconds)[len(seconds) // 2]:.2f} s of {len(seconds)} "
      f"({', '.join(f'{s:.2f}' for s in seconds)})")
print(f"  log-loss: train {loss(ptrain, w, k):.5f}, held-out {loss(ptest, wt, kt):.5f}")
`

if (flags.xgboost !== undefined) await compareWithXgboost(flags.xgboost, Number(flags['xgboost-threads']))
