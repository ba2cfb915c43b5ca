import { describe, expect, test } from 'bun:test'
import { onnx } from 'onnx-proto'
import { makeSyntheticBattles, splitRows, withEstimateColumn } from '../../../testing/ml/synthetic-battles.ts'
import { type FeatureMatrix, GbdtModel, trainGbdt } from '../gbdt/index.ts'
import { OnnxError } from './errors.ts'
import { exportToOnnx } from './export-onnx.ts'
import { createOnnxRunner } from './onnx-runner.ts'
import { createOnnxWorkerRunner } from './worker-runner.ts'

const data = makeSyntheticBattles({ nRows: 4000, nFeatures: 12, seed: 31, maxTrials: 3 })
const [train, heldOut] = splitRows(data, 0.6)
const model = trainGbdt(train, {
  nEstimators: 80,
  maxDepth: 6,
  subsample: 0.8,
  colsampleBytree: 0.75,
  seed: 2,
})

/** The float32 just below x. */
function float32Below(x: number): number {
  const f = new Float32Array([x])
  const bits = new Int32Array(f.buffer)
  if (x > 0) bits[0]! -= 1
  else if (x < 0) bits[0]! += 1
  else return -1.401298464324817e-45
  return f[0]!
}

/** Rows that sit exactly on a split threshold, or one float32 below it: where float32 rounding would bite. */
function thresholdRows(source: FeatureMatrix, limit: number): FeatureMatrix {
  const { feature, threshold } = model.trees
  const rows: number[] = []
  for (let node = 0; node < feature.length && rows.length / source.nFeatures < limit; node += 3) {
    if (feature[node]! < 0) continue
    for (const x of [threshold[node]!, float32Below(threshold[node]!)]) {
      const r = node % source.nRows
      const row = Array.from(source.values.subarray(r * source.nFeatures, (r + 1) * source.nFeatures))
      row[feature[node]!] = x
      rows.push(...row)
    }
  }
  const values = Float32Array.from(rows)
  return { values, nRows: values.length / source.nFeatures, nFeatures: source.nFeatures }
}

function concatRows(a: FeatureMatrix, b: FeatureMatrix): FeatureMatrix {
  const values = new Float32Array(a.values.length + b.values.length)
  values.set(a.values)
  values.set(b.values, a.values.length)
  return { values, nRows: a.nRows + b.nRows, nFeatures: a.nFeatures }
}

async function onnxCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    return error instanceof OnnxError ? error.code : `not an OnnxError: ${error}`
  }
  return 'no error'
}

describe('ONNX export + onnxruntime-web', () => {
  test('a model whose margins start from a feature (margin prior) serves the same P(win) and labels', async () => {
    const [fit, rows] = splitRows(
      withEstimateColumn(makeSyntheticBattles({ nRows: 3000, nFeatures: 8, seed: 5 })),
      0.6,
    )
    const withPrior = trainGbdt(fit, {
      nEstimators: 40,
      maxDepth: 5,
      seed: 4,
      baseMarginFeature: 8,
      baseMarginClip: 0.01,
    })
    const runner = await createOnnxRunner(exportToOnnx(withPrior))
    const expected = withPrior.predictProba(rows.features)
    const { label, probabilities } = await runner.run(rows.features)
    let maxDifference = 0
    for (let r = 0; r < rows.features.nRows; r++) {
      maxDifference = Math.max(maxDifference, Math.abs(probabilities[2 * r + 1]! - expected[r]!))
      expect(probabilities[2 * r]! + probabilities[2 * r + 1]!).toBeCloseTo(1, 6)
      if (Math.abs(expected[r]! - 0.5) > 1e-5) expect(label[r]).toBe(expected[r]! > 0.5 ? 1n : 0n)
    }
    // rows at the clamp (estimate exactly 0 or 1) are among them
    expect(rows.features.nRows).toBeGreaterThan(1000)
    expect(maxDifference).toBeLessThanOrEqual(1e-5)
    await runner.release()
  })

  test('P(win) matches the TypeScript model within 1e-5 on ≥ 1000 rows, threshold edge cases included', async () => {
    const rows = concatRows(heldOut.features, thresholdRows(heldOut.features, 600))
    expect(rows.nRows).toBeGreaterThanOrEqual(2000)
    const runner = await createOnnxRunner(exportToOnnx(model))
    expect(runner.nFeatures).toBe(12)
    const expected = model.predictProba(rows)
    const { label, probabilities } = await runner.run(rows)
    let maxDifference = 0
    for (let r = 0; r < rows.nRows; r++) {
      maxDifference = Math.max(maxDifference, Math.abs(probabilities[2 * r + 1]! - expected[r]!))
      expect(probabilities[2 * r]! + probabilities[2 * r + 1]!).toBeCloseTo(1, 6)
      if (Math.abs(expected[r]! - 0.5) > 1e-5) expect(label[r]).toBe(expected[r]! > 0.5 ? 1n : 0n)
    }
    expect(maxDifference).toBeLessThanOrEqual(1e-5)
    const pWin = await runner.predictProba(rows)
    expect(pWin[7]).toBe(probabilities[15]!)
    await runner.release()
  })

  test('labels follow P(win) > 0.5 even when every leaf weight is positive', async () => {
    // One split, both leaves positive: ONNX Runtime would label by raw score > 0.5 without the fix.
    const tiny = new GbdtModel({
      ...model,
      nFeatures: 1,
      featureNames: null,
      baseMargin: 0,
      trees: {
        treeStart: Int32Array.from([0, 3]),
        feature: Int32Array.from([0, -1, -1]),
        threshold: Float32Array.from([0.5, 0, 0]),
        left: Int32Array.from([1, -1, -1]),
        right: Int32Array.from([2, -1, -1]),
        value: Float32Array.from([0, 0.2, 2]),
        gain: new Float64Array(3),
      },
    })
    const rows = { values: Float32Array.from([0.1, 0.9]), nRows: 2, nFeatures: 1 }
    const runner = await createOnnxRunner(exportToOnnx(tiny))
    const { label, probabilities } = await runner.run(rows)
    expect(Array.from(label)).toEqual([1n, 1n])
    expect(probabilities[1]!).toBeCloseTo(1 / (1 + Math.exp(-0.2)), 6)
    expect(probabilities[3]!).toBeCloseTo(1 / (1 + Math.exp(-2)), 6)
  })

  test('the file is deterministic and shaped as documented', () => {
    const bytes = exportToOnnx(model, { modelVersion: 4, metadata: { run_id: 'abc' } })
    expect(exportToOnnx(model, { modelVersion: 4, metadata: { run_id: 'abc' } })).toEqual(bytes)
    const decoded = onnx.ModelProto.decode(bytes)
    expect(decoded.opsetImport.map((o) => `${o.domain}:${o.version}`)).toEqual([':17', 'ai.onnx.ml:3'])
    const graph = decoded.graph!
    const node = graph.node![0]!
    expect(node.opType).toBe('TreeEnsembleClassifier')
    const attribute = (name: string) => node.attribute!.find((a) => a.name === name)!
    expect(attribute('nodes_nodeids').ints).toHaveLength(model.trees.feature.length)
    expect(new TextDecoder().decode(attribute('post_transform').s!)).toBe('LOGISTIC')
    expect(attribute('base_values').floats).toEqual([model.baseMargin])
    expect(attribute('classlabels_int64s').ints!.map(Number)).toEqual([0, 1])
    expect(graph.output!.map((o) => o.name)).toEqual(['label', 'probabilities'])
    const meta = Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]))
    expect(meta['run_id']).toBe('abc')
    expect(meta['predictiondex.n_trees']).toBe('80')
  })

  test('corrupt or foreign buffers are rejected with ONNX_INVALID_MODEL', async () => {
    const bytes = exportToOnnx(model)
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)
    const noGraph = onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8 })).finish()
    const flipped = bytes.slice()
    for (let i = 200; i < flipped.length; i += 97) flipped[i] = flipped[i]! ^ 0xff
    for (const bad of [new Uint8Array(0), garbage, bytes.slice(0, bytes.length >> 1), noGraph, flipped]) {
      expect(await onnxCode(() => createOnnxRunner(bad))).toBe('ONNX_INVALID_MODEL')
    }
  })

  test('a row width other than the model input → ONNX_FEATURE_COUNT_MISMATCH; zero rows → empty', async () => {
    const runner = await createOnnxRunner(exportToOnnx(model))
    const wide = { values: new Float32Array(13 * 2), nRows: 2, nFeatures: 13 }
    expect(await onnxCode(() => runner.predictProba(wide))).toBe('ONNX_FEATURE_COUNT_MISMATCH')
    expect(await runner.predictProba({ values: new Float32Array(0), nRows: 0, nFeatures: 12 })).toHaveLength(
      0,
    )
  })
})

test('loading a model leaves Bun’s Worker intact, so battle worker pools still answer', async () => {
  const before = globalThis.Worker
  const data = makeSyntheticBattles({ nRows: 300, nFeatures: 8, seed: 3 })
  const runner = await createOnnxRunner(exportToOnnx(trainGbdt(data, { nEstimators: 3 })))
  expect(globalThis.Worker).toBe(before)
  const worker = new Worker(new URL('../dataset/worker.ts', import.meta.url))
  const reply = await new Promise<unknown>((resolve) => {
    worker.onmessage = (event) => {
      if (!event.data.ready) resolve(event.data)
    }
    worker.postMessage({ id: 7, tasks: [], k: 1 })
  })
  worker.terminate()
  await runner.release()
  expect(reply).toEqual({ id: 7, results: [] })
})

test('the worker-thread runner serves the same probabilities and refuses corrupt bytes', async () => {
  const data = makeSyntheticBattles({ nRows: 1200, nFeatures: 8, seed: 5 })
  const bytes = exportToOnnx(trainGbdt(data, { nEstimators: 20, maxDepth: 4 }))
  const inThread = await createOnnxRunner(bytes)
  const inWorker = await createOnnxWorkerRunner(bytes)
  const [a, b] = await Promise.all([
    inThread.predictProba(data.features),
    inWorker.predictProba(data.features),
  ])
  expect(b.length).toBe(1200)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
  expect(worst).toBe(0)
  await expect(
    inWorker.predictProba({ values: new Float32Array(3), nRows: 1, nFeatures: 3 }),
  ).rejects.toMatchObject({
    code: 'ONNX_FEATURE_COUNT_MISMATCH',
  })
  await Promise.all([inThread.release(), inWorker.release()])
  await expect(createOnnxWorkerRunner(new Uint8Array([1, 2, 3, 4]))).rejects.toMatchObject({
    code: 'ONNX_INVALID_MODEL',
  })
})
