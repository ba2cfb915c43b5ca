import { onnx } from 'onnx-proto'
import type { MarginPrior } from '../gbdt/prior.ts'

const { DataType } = onnx.TensorProto

/** Names of the graph's tensors between the trees and the outputs (fixed, so bytes are stable). */
const T = {
  treeMargin: 'tree_margin',
  priorColumn: 'prior_feature',
  priorIndex: 'prior_feature_index',
  clipLow: 'prior_clip_low',
  clipHigh: 'prior_clip_high',
  one: 'one',
  zero: 'zero',
  labelShape: 'label_shape',
  clipped: 'prior_clipped',
  logP: 'prior_log_p',
  complement: 'prior_complement',
  logQ: 'prior_log_q',
  priorMargin: 'prior_margin',
  margin: 'margin',
  win: 'p_win',
  loss: 'p_loss',
  positive: 'margin_positive',
  label2d: 'label_2d',
} as const

const scalar = (name: string, value: number): onnx.ITensorProto => ({
  name,
  dataType: DataType.FLOAT,
  dims: [],
  floatData: [value],
})
const int64s = (name: string, values: number[]): onnx.ITensorProto => ({
  name,
  dataType: DataType.INT64,
  dims: [values.length],
  int64Data: values,
})
const node = (opType: string, input: string[], output: string[], attribute: onnx.IAttributeProto[] = []) => ({
  name: output[0],
  opType,
  domain: '',
  input,
  output,
  attribute,
})

/**
 * The ONNX nodes that turn the trees' raw margin (`tree_margin`, [N, 1]) into the model's outputs
 * when each row's margin starts from a feature's log-odds (`gbdt/prior.ts`): Gather that column,
 * Clip it to [clip, 1 − clip], log(p) − log(1 − p), add the trees, then Sigmoid for the
 * probabilities [1 − P, P] and `margin > 0` for the label — the same outputs, names and shapes as
 * the classifier graph, so the serving code does not know which graph it runs.
 */
export function priorGraph(
  prior: MarginPrior,
  inputName: string,
  outputs: { label: string; probabilities: string },
): { treeOutput: string; nodes: onnx.INodeProto[]; initializers: onnx.ITensorProto[] } {
  const nodes: onnx.INodeProto[] = [
    node(
      'Gather',
      [inputName, T.priorIndex],
      [T.priorColumn],
      [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    ),
    node('Clip', [T.priorColumn, T.clipLow, T.clipHigh], [T.clipped]),
    node('Log', [T.clipped], [T.logP]),
    node('Sub', [T.one, T.clipped], [T.complement]),
    node('Log', [T.complement], [T.logQ]),
    node('Sub', [T.logP, T.logQ], [T.priorMargin]),
    node('Add', [T.treeMargin, T.priorMargin], [T.margin]),
    node('Sigmoid', [T.margin], [T.win]),
    node('Sub', [T.one, T.win], [T.loss]),
    node(
      'Concat',
      [T.loss, T.win],
      [outputs.probabilities],
      [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    ),
    node('Greater', [T.margin, T.zero], [T.positive]),
    node(
      'Cast',
      [T.positive],
      [T.label2d],
      [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.INT64 }],
    ),
    node('Reshape', [T.label2d, T.labelShape], [outputs.label]),
  ]
  const initializers = [
    int64s(T.priorIndex, [prior.feature]),
    scalar(T.clipLow, prior.clip),
    scalar(T.clipHigh, 1 - prior.clip),
    scalar(T.one, 1),
    scalar(T.zero, 0),
    int64s(T.labelShape, [-1]),
  ]
  return { treeOutput: T.treeMargin, nodes, initializers }
}
