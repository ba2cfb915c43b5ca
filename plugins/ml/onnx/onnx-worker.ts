/**
 * Worker side of `createOnnxWorkerRunner`: owns one onnxruntime-web session.
 * In: `{ type: 'load', bytes }` then `{ type: 'run', id, values, nRows, nFeatures }`.
 * Out: `{ type: 'loaded', nFeatures }` / `{ id, probabilities }` / `{ id?, error, code }`.
 */
import { createOnnxRunner, type OnnxRunner } from './onnx-runner.ts'

declare const self: Worker
let runner: OnnxRunner | undefined

self.onmessage = async (event: MessageEvent) => {
  const message = event.data as
    | { type: 'load'; bytes: Uint8Array }
    | { type: 'run'; id: number; values: Float32Array; nRows: number; nFeatures: number }
  try {
    if (message.type === 'load') {
      runner = await createOnnxRunner(message.bytes)
      self.postMessage({ type: 'loaded', nFeatures: runner.nFeatures })
      return
    }
    const probabilities = await runner!.predictProba({
      values: message.values,
      nRows: message.nRows,
      nFeatures: message.nFeatures,
    })
    self.postMessage({ id: message.id, probabilities }, [probabilities.buffer])
  } catch (error) {
    self.postMessage({
      id: message.type === 'run' ? message.id : undefined,
      error: error instanceof Error ? error.message : String(error),
      code: (error as { code?: string }).code ?? 'ONNX_RUNTIME_FAILED',
    })
  }
}
