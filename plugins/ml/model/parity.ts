import { KernelError } from '../../../core/errors.ts'
import type { FeatureMatrix } from '../gbdt/dataset.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { createOnnxRunner } from '../onnx/onnx-runner.ts'

/** Largest |P_onnx − P_ts| accepted: the exported file must serve what was evaluated. */
export const PARITY_TOLERANCE = 1e-5

/**
 * Runs the exported ONNX file in onnxruntime-web and the TypeScript model on the same rows; a
 * difference above the tolerance fails training rather than shipping a model that serves
 * something else than what was evaluated.
 */
export async function checkOnnxParity(
  onnx: Uint8Array,
  model: GbdtModel,
  rows: FeatureMatrix,
): Promise<number> {
  const runner = await createOnnxRunner(onnx)
  try {
    const served = await runner.predictProba(rows)
    const evaluated = model.predictProba(rows)
    let worst = 0
    for (let i = 0; i < evaluated.length; i++) worst = Math.max(worst, Math.abs(served[i]! - evaluated[i]!))
    if (worst > PARITY_TOLERANCE) {
      throw new KernelError(
        'ML_ONNX_PARITY',
        `ONNX and TypeScript predictions differ by ${worst} (> ${PARITY_TOLERANCE})`,
      )
    }
    return worst
  } finally {
    await runner.release()
  }
}
