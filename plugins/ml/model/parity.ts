import { KernelError } from '../../../core/errors.ts'
import type { FeatureMatrix } from '../gbdt/dataset.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { createRandom } from '../gbdt/prng.ts'
import { parseModel } from '../gbdt/serialize.ts'
import { createOnnxRunner, type OnnxRunner } from '../onnx/onnx-runner.ts'

/** The smallest positive float32 (a subnormal): the float32 just below 0 is its negative. */
const SMALLEST_FLOAT32 = 2 ** -149

/** Largest |P_onnx − P_ts| accepted: the exported file must serve what was evaluated. */
export const PARITY_TOLERANCE = 1e-5

/**
 * Runs the exported ONNX file in onnxruntime-web and the TypeScript model on the same rows; a
 * difference above the tolerance fails training rather than shipping a model that serves
 * something else than what was evaluated.
 *
 * @throws KernelError `ML_ONNX_PARITY`; OnnxError `ONNX_INVALID_MODEL` for bytes onnxruntime cannot load.
 */
export async function checkOnnxParity(
  onnx: Uint8Array,
  model: GbdtModel,
  rows: FeatureMatrix,
): Promise<number> {
  const runner = await createOnnxRunner(onnx)
  try {
    return await compareOnRows(runner, model, rows)
  } finally {
    await runner.release()
  }
}

/**
 * Worst |P_onnx − P_ts| of a loaded runner against the trees on `rows`; above the tolerance (or for
 * a file that takes another number of features) → KernelError `ML_ONNX_PARITY`.
 */
export async function compareOnRows(
  runner: OnnxRunner,
  model: GbdtModel,
  rows: FeatureMatrix,
): Promise<number> {
  if (runner.nFeatures !== model.nFeatures) {
    throw new KernelError(
      'ML_ONNX_PARITY',
      `the ONNX file takes ${runner.nFeatures} features, its trees ${model.nFeatures}`,
    )
  }
  const served = await runner.predictProba(rows)
  const evaluated = model.predictProba(rows)
  let worst = 0
  for (let i = 0; i < evaluated.length; i++) worst = Math.max(worst, Math.abs(served[i]! - evaluated[i]!))
  if (!(worst <= PARITY_TOLERANCE)) {
    throw new KernelError(
      'ML_ONNX_PARITY',
      `ONNX and TypeScript predictions differ by ${worst} (> ${PARITY_TOLERANCE})`,
    )
  }
  return worst
}

/**
 * The parity check for a model folder that did not come out of this process's training (copied in
 * by hand, pulled with git): the loaded `model.onnx` must serve what the folder's `model.json.gz`
 * trees compute, on rows that sit on and just under every split threshold (where float32/float64 or
 * a wrong tree would disagree). Why before any registry change: an alias must never point at a file
 * the predictor would refuse. Takes a loaded runner so that the predictor can check the very
 * session it will serve (building a large model's session takes seconds; it is done once).
 *
 * @throws KernelError `ML_ONNX_PARITY` (also for trees that do not parse).
 * @example
 * await checkServesTrees(runner, files.json) // worst |ΔP|, or throws
 */
export async function checkServesTrees(runner: OnnxRunner, json: string): Promise<number> {
  let model: GbdtModel
  try {
    model = parseModel(json)
  } catch (cause) {
    throw new KernelError('ML_ONNX_PARITY', `the folder's trees (model.json.gz) do not parse`, { cause })
  }
  return compareOnRows(runner, model, parityRows(model, 512, 1))
}

/**
 * `checkServesTrees` on a session of its own (in this thread), for callers without a predictor.
 *
 * @throws KernelError `ML_ONNX_PARITY`; OnnxError `ONNX_INVALID_MODEL`.
 * @example
 * const { onnx, json } = await readModelDir(modelsDir, dir)
 * await checkFolderParity(onnx, json)
 */
export async function checkFolderParity(onnx: Uint8Array, json: string): Promise<number> {
  const runner = await createOnnxRunner(onnx)
  try {
    return await checkServesTrees(runner, json)
  } finally {
    await runner.release()
  }
}

/**
 * `nRows` seeded rows for a parity check: each value is one of the model's thresholds for that
 * feature (goes right), the float32 just below it (goes left), or a value between the feature's
 * smallest and largest threshold; features no tree uses are 0.
 *
 * @example
 * parityRows(model, 512, 1) // FeatureMatrix of 512 × model.nFeatures float32 values
 */
export function parityRows(model: GbdtModel, nRows: number, seed: number): FeatureMatrix {
  const { nFeatures } = model
  const thresholds: number[][] = Array.from({ length: nFeatures }, () => [])
  const { feature, threshold } = model.trees
  for (let node = 0; node < feature.length; node++) {
    if (feature[node]! >= 0) thresholds[feature[node]!]!.push(threshold[node]!)
  }
  const lo = thresholds.map((cuts) => Math.min(...cuts))
  const hi = thresholds.map((cuts) => Math.max(...cuts))
  const random = createRandom(seed)
  const values = new Float32Array(nRows * nFeatures)
  const below = new Float32Array(1)
  const belowBits = new Int32Array(below.buffer)
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < nFeatures; f++) {
      const cuts = thresholds[f]!
      if (cuts.length === 0) continue
      const t = cuts[Math.floor(random() * cuts.length)]!
      const kind = random()
      let x = t
      if (kind < 1 / 3) {
        below[0] = t
        belowBits[0]! += t > 0 ? -1 : t < 0 ? 1 : 0
        x = t === 0 ? -SMALLEST_FLOAT32 : below[0]!
      } else if (kind < 2 / 3) {
        x = lo[f]! + random() * (hi[f]! - lo[f]!)
      }
      values[r * nFeatures + f] = x
    }
  }
  return { values, nRows, nFeatures }
}
