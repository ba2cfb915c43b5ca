/**
 * ONNX export of GBDT models (`ai.onnx.ml` TreeEnsembleClassifier) and an onnxruntime-web runner.
 * Internal to the `ml` plugin.
 */
export { OnnxError, type OnnxErrorCode } from './errors.ts'
export { exportToOnnx, type OnnxExportOptions, onnxInputName, onnxOutputNames } from './export-onnx.ts'
export { createOnnxRunner, type OnnxRunner, type OnnxRunnerOptions } from './onnx-runner.ts'
export { createOnnxWorkerRunner } from './worker-runner.ts'
