import type { FeatureMatrix } from '../gbdt/dataset.ts'
import { OnnxError, type OnnxErrorCode } from './errors.ts'
import type { OnnxRunner } from './onnx-runner.ts'

/**
 * The same runner as `createOnnxRunner`, with the onnxruntime session in a worker thread, so model
 * evaluation (about half of a prediction request's CPU) runs on the second core while the request
 * thread computes features and serialises answers. Rows are transferred, not copied back.
 *
 * @throws OnnxError `ONNX_INVALID_MODEL` when the worker cannot load the bytes.
 * @example
 * const runner = await createOnnxWorkerRunner(bytes)
 * const pWin = await runner.predictProba(matrix)
 */
export async function createOnnxWorkerRunner(bytes: Uint8Array): Promise<OnnxRunner> {
  const worker = new Worker(new URL('./onnx-worker.ts', import.meta.url))
  const pending = new Map<number, { resolve: (p: Float32Array) => void; reject: (e: Error) => void }>()
  let nextId = 0
  const nFeatures = await new Promise<number>((resolve, reject) => {
    worker.onmessage = (
      event: MessageEvent<{ type?: string; nFeatures?: number; error?: string; code?: string }>,
    ) => {
      if (event.data.type === 'loaded') resolve(event.data.nFeatures!)
      else
        reject(
          new OnnxError(
            (event.data.code as OnnxErrorCode) ?? 'ONNX_INVALID_MODEL',
            event.data.error ?? 'model load failed',
          ),
        )
    }
    worker.onerror = (event) =>
      reject(new OnnxError('ONNX_RUNTIME_FAILED', `onnx worker crashed: ${event.message}`))
    worker.postMessage({ type: 'load', bytes })
  }).catch((error) => {
    worker.terminate()
    throw error
  })
  worker.onmessage = (
    event: MessageEvent<{ id: number; probabilities?: Float32Array; error?: string; code?: string }>,
  ) => {
    const job = pending.get(event.data.id)
    if (!job) return
    pending.delete(event.data.id)
    if (event.data.probabilities) job.resolve(event.data.probabilities)
    else
      job.reject(
        new OnnxError(
          (event.data.code as OnnxErrorCode) ?? 'ONNX_RUNTIME_FAILED',
          event.data.error ?? 'run failed',
        ),
      )
  }
  worker.onerror = (event) => {
    for (const job of pending.values())
      job.reject(new OnnxError('ONNX_RUNTIME_FAILED', `onnx worker crashed: ${event.message}`))
    pending.clear()
  }
  const predictProba = (features: FeatureMatrix) =>
    new Promise<Float32Array>((resolve, reject) => {
      if (features.nFeatures !== nFeatures) {
        reject(
          new OnnxError(
            'ONNX_FEATURE_COUNT_MISMATCH',
            `input has ${features.nFeatures} features, the model expects ${nFeatures}`,
          ),
        )
        return
      }
      const id = ++nextId
      pending.set(id, { resolve, reject })
      worker.postMessage({ type: 'run', id, values: features.values, nRows: features.nRows, nFeatures })
    })
  return {
    nFeatures,
    predictProba,
    async run(features) {
      const p = await predictProba(features)
      const probabilities = new Float32Array(p.length * 2)
      for (let r = 0; r < p.length; r++) {
        probabilities[2 * r] = 1 - p[r]!
        probabilities[2 * r + 1] = p[r]!
      }
      return { label: BigInt64Array.from(p, (x) => (x > 0.5 ? 1n : 0n)), probabilities }
    },
    async release() {
      worker.terminate()
    },
  }
}
