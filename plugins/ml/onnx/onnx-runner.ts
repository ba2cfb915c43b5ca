import { onnx } from 'onnx-proto'
import * as ort from 'onnxruntime-web'
import type { FeatureMatrix } from '../gbdt/index.ts'
import { OnnxError } from './errors.ts'
import { onnxInputName, onnxOutputNames } from './export-onnx.ts'

/** How to start ONNX Runtime Web. */
export interface OnnxRunnerOptions {
  /**
   * WASM threads. Default 1: under Bun one thread is what works everywhere (no worker/
   * SharedArrayBuffer set-up) and our tree models are fast enough on it (~80k rows/s batched).
   */
  numThreads?: number
  /**
   * Where the `ort-wasm-*.wasm` files live. Not needed under Bun: the package's Node build finds
   * its own dist folder offline; set it only when bundling moves the files.
   */
  wasmPaths?: string
}

/** A loaded model, ready to score feature rows. */
export interface OnnxRunner {
  readonly nFeatures: number
  /** P(win) per row (column 1 of the `probabilities` output). */
  predictProba(features: FeatureMatrix): Promise<Float32Array>
  /** Both raw outputs: labels (0/1) and [P(loss), P(win)] per row, row-major. */
  run(features: FeatureMatrix): Promise<{ label: BigInt64Array; probabilities: Float32Array }>
  release(): Promise<void>
}

/**
 * Loads an exported model into onnxruntime-web (WASM) after checking it is a protobuf ONNX model
 * with our `float_input` [N, nFeatures] input; anything else → `ONNX_INVALID_MODEL` with the
 * decoder's or runtime's error as `cause`. Note that `numThreads`/`wasmPaths` are written to
 * onnxruntime's process-wide `ort.env` (the library has no per-session setting for them).
 *
 * @example
 * const runner = await createOnnxRunner(await Bun.file('models/battle.onnx').bytes())
 * const pWin = await runner.predictProba({ values, nRows, nFeatures: runner.nFeatures })
 */
export async function createOnnxRunner(
  bytes: Uint8Array,
  options: OnnxRunnerOptions = {},
): Promise<OnnxRunner> {
  const nFeatures = inspectModel(bytes)
  ort.env.wasm.numThreads = options.numThreads ?? 1
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths
  let session: ort.InferenceSession
  // onnxruntime-web's Node glue replaces globalThis.Worker with node:worker_threads' Worker when a
  // session starts; after that, Bun Workers (battle pools) never answer. With one WASM thread ORT
  // needs no worker, so the original constructor is put back.
  const bunWorker = globalThis.Worker
  try {
    session = await ort.InferenceSession.create(bytes)
  } catch (error) {
    throw new OnnxError('ONNX_INVALID_MODEL', `onnxruntime rejected the model: ${messageOf(error)}`, {
      cause: error,
    })
  } finally {
    if (globalThis.Worker !== bunWorker) globalThis.Worker = bunWorker
  }

  async function run(features: FeatureMatrix) {
    const { values, nRows } = features
    if (features.nFeatures !== nFeatures) {
      throw new OnnxError(
        'ONNX_FEATURE_COUNT_MISMATCH',
        `input has ${features.nFeatures} features, the model expects ${nFeatures}`,
      )
    }
    if (values.length !== nRows * nFeatures) {
      throw new OnnxError(
        'ONNX_FEATURE_COUNT_MISMATCH',
        `${values.length} values for ${nRows} × ${nFeatures}`,
      )
    }
    if (nRows === 0) return { label: new BigInt64Array(0), probabilities: new Float32Array(0) }
    try {
      const input = new ort.Tensor('float32', values, [nRows, nFeatures])
      const outputs = await session.run({ [onnxInputName]: input })
      return {
        label: outputs[onnxOutputNames.label]!.data as BigInt64Array,
        probabilities: outputs[onnxOutputNames.probabilities]!.data as Float32Array,
      }
    } catch (error) {
      throw new OnnxError('ONNX_RUNTIME_FAILED', `onnxruntime failed to run: ${messageOf(error)}`, {
        cause: error,
      })
    }
  }

  return {
    nFeatures,
    run,
    async predictProba(features) {
      const { probabilities } = await run(features)
      const pWin = new Float32Array(features.nRows)
      for (let r = 0; r < pWin.length; r++) pWin[r] = probabilities[2 * r + 1]!
      return pWin
    },
    release: () => session.release(),
  }
}

/** Decodes the protobuf and returns the input width; rejects anything that is not our model shape. */
function inspectModel(bytes: Uint8Array): number {
  let model: onnx.ModelProto
  try {
    model = onnx.ModelProto.decode(bytes)
  } catch (error) {
    throw new OnnxError('ONNX_INVALID_MODEL', `not an ONNX model: ${messageOf(error)}`, { cause: error })
  }
  const input = model.graph?.input?.find((info) => info.name === onnxInputName)
  const dims = input?.type?.tensorType?.shape?.dim ?? []
  const width = Number(dims[1]?.dimValue ?? 0)
  if ((model.graph?.node?.length ?? 0) === 0) {
    throw new OnnxError('ONNX_INVALID_MODEL', 'not an ONNX model: no graph')
  }
  if (input === undefined || dims.length !== 2 || !(width > 0)) {
    throw new OnnxError(
      'ONNX_INVALID_MODEL',
      `the model has no ${onnxInputName} input of shape [N, nFeatures]`,
    )
  }
  return width
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
