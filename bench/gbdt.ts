/**
 * Training speed of our GBDT (plugins/ml/gbdt) on a synthetic battle dataset, against XGBoost at the
 * same thread count.
 *
 *   bun bench/gbdt.ts [--rows 100000] [--features 60] [--trees 100] [--depth 6] [--runs 3] [--threads 1]
 *   bun bench/gbdt.ts --full                         (500k × 60, 300 trees: the XGBoost reference size)
 *   bun bench/gbdt.ts --full --xgboost /usr/bin/python3 --xgboost-threads 2
 *
 * Prints the median of `runs` training times (quantisation included, data generation excluded) with
 * train and held-out log-loss, and the machine's load average before and after (the machine is
 * shared: figures taken under different loads do not compare). `--xgboost <python>` also trains
 * XGBoost (`hist`, same depth/eta/lambda/min_child_weight/max_bin/base score) on the very same data
 * (exchanged as raw little-endian binary files, not CSV, so no value is rounded). Its runs alternate
 * with ours, so both see the same load; our thread count then defaults to `--xgboost-threads`, and
 * the last lines give our median / XGBoost's (target ≤ 1.0) and the held-out log-loss gap.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
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
    threads: { type: 'string' },
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
const xgboostThreads = Number(flags['xgboost-threads'])
const threads = Number(flags.threads ?? (flags.xgboost === undefined ? 1 : xgboostThreads))
const params = { nEstimators: trees, maxDepth: depth, learningRate: 0.3, seed: 7 }
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

/** One XGBoost training on the exchanged files; prints one JSON line. */
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
dtrain = xgb.DMatrix(x, label=w / k, weight=k, nthread=meta["threads"])
started = time.perf_counter()
booster = xgb.train(params, dtrain, num_boost_round=meta["trees"])
seconds = time.perf_counter() - started
ptrain = booster.predict(dtrain); ptest = booster.predict(xgb.DMatrix(xt))
print(json.dumps(dict(version=xgb.__version__, seconds=seconds, train=loss(ptrain, w, k), heldOut=loss(ptest, wt, kt))))
`

const train = makeSyntheticBattles({ nRows: rows, nFeatures, seed: 1, maxTrials: 3 })
const heldOut = makeSyntheticBattles({ nRows: Math.round(rows / 5), nFeatures, seed: 2, maxTrials: 3 })
const dir = mkdtempSync(join(tmpdir(), 'gbdt-bench-'))
const xgboost = { seconds: [] as number[], train: 0, heldOut: 0, version: '' }
const ours = { seconds: [] as number[], train: 0, heldOut: 0 }
const loadBefore = load()
try {
  if (flags.xgboost !== undefined) writeData()
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    const model = trainGbdt(train, params, { threads })
    ours.seconds.push((performance.now() - started) / 1000)
    ours.train = model.history.trainLogLoss.at(-1)!
    const probability = model.predictProba(heldOut.features)
    ours.heldOut = logLoss({ probability, wins: heldOut.wins, trials: heldOut.trials })
    if (flags.xgboost !== undefined) await runXgboost(flags.xgboost)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const seconds = (list: number[]) =>
  `median ${median(list).toFixed(2)} s of ${list.length} (${list.map((s) => s.toFixed(2)).join(', ')})`
console.log(
  `rows ${rows}, features ${nFeatures}, trees ${trees}, depth ${depth}; load average ${loadBefore} → ${load()}`,
)
console.log(`gbdt (TypeScript, ${threads} thread${threads === 1 ? '' : 's'}): ${seconds(ours.seconds)}`)
console.log(`  log-loss: train ${ours.train.toFixed(5)}, held-out ${ours.heldOut.toFixed(5)}`)
if (flags.xgboost !== undefined) {
  console.log(`xgboost ${xgboost.version} (hist, ${xgboostThreads} threads): ${seconds(xgboost.seconds)}`)
  console.log(`  log-loss: train ${xgboost.train.toFixed(5)}, held-out ${xgboost.heldOut.toFixed(5)}`)
  const ratio = median(ours.seconds) / median(xgboost.seconds)
  const gap = (ours.heldOut - xgboost.heldOut) / xgboost.heldOut
  console.log(
    `time ours/xgboost at ${threads}/${xgboostThreads} threads: ${ratio.toFixed(3)} (target ≤ 1.0) · ` +
      `held-out log-loss gap ${(gap * 100).toFixed(3)} % (target within ±1 %)`,
  )
}

function writeData(): void {
  for (const [name, data] of [
    ['train', train],
    ['test', heldOut],
  ] as const) {
    writeFileSync(join(dir, `${name}.x.f32`), data.features.values)
    writeFileSync(join(dir, `${name}.w.f64`), Float64Array.from(data.wins))
    writeFileSync(join(dir, `${name}.k.f64`), Float64Array.from(data.trials))
  }
}

/** One XGBoost training in a fresh interpreter; it prints one JSON line. */
async function runXgboost(python: string): Promise<void> {
  const meta = { nFeatures, trees, depth, threads: xgboostThreads, eta: params.learningRate }
  const proc = Bun.spawn([python, '-c', xgboostScript, dir, JSON.stringify(meta)], {
    stdout: 'pipe',
    stderr: 'inherit',
  })
  const out = await new Response(proc.stdout).text()
  if ((await proc.exited) !== 0) throw new Error(`${python} exited with ${proc.exitCode}`)
  const result = JSON.parse(out.trim().split('\n').at(-1)!)
  xgboost.seconds.push(result.seconds)
  Object.assign(xgboost, { train: result.train, heldOut: result.heldOut, version: result.version })
}
