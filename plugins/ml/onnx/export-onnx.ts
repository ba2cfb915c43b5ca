import { onnx } from 'onnx-proto'
import type { GbdtModel } from '../gbdt/index.ts'
import { marginPrior } from '../gbdt/prior.ts'
import { priorGraph } from './prior-graph.ts'

/** Name of the model's only input: float32 [N, nFeatures], the name skl2onnx/onnxmltools use too. */
export const onnxInputName = 'float_input'
/** Outputs: int64 [N] predicted class (0/1) and float32 [N, 2] probabilities [P(loss), P(win)]. */
export const onnxOutputNames = { label: 'label', probabilities: 'probabilities' } as const

/** Metadata written into the ONNX file besides the trees. */
export interface OnnxExportOptions {
  /** ONNX `model_version` (an integer, e.g. the registry version). */
  modelVersion?: number
  docString?: string
  /** Extra `metadata_props` entries (e.g. run id, dataset hash). */
  metadata?: Record<string, string>
}

const { AttributeType } = onnx.AttributeProto
const { DataType } = onnx.TensorProto
const utf8 = (text: string) => new TextEncoder().encode(text)
const ints = (name: string, values: ArrayLike<number>): onnx.IAttributeProto => ({
  name,
  type: AttributeType.INTS,
  ints: Array.from(values),
})
const floats = (name: string, values: ArrayLike<number>): onnx.IAttributeProto => ({
  name,
  type: AttributeType.FLOATS,
  floats: Array.from(values),
})

/**
 * Exports a trained model as an ONNX `ai.onnx.ml` opset-3 `TreeEnsembleClassifier` (binary, class
 * labels int64 [0, 1], `post_transform` LOGISTIC, `base_values` = the model's float32 base margin).
 * Splits are `BRANCH_LT` with the model's own float32 thresholds and leaves carry the float32 leaf
 * values, so ONNX Runtime reproduces P(win) up to float32 summation (parity test: ≤ 1e-5).
 * A model whose margins start from a feature (`gbdt/prior.ts`) is a `TreeEnsembleRegressor` (raw
 * margin) followed by plain ops that add the feature's clamped log-odds (`prior-graph.ts`), with
 * the same inputs and outputs.
 * The bytes are deterministic: the same model always encodes to the same file.
 *
 * @example
 * const bytes = exportToOnnx(model, { modelVersion: 3, metadata: { run_id: runId } })
 * await Bun.write('models/battle.onnx', bytes)
 */
export function exportToOnnx(model: GbdtModel, options: OnnxExportOptions = {}): Uint8Array {
  const { treeStart, feature, threshold, left, right, value } = model.trees
  const nNodes = feature.length
  const treeIds = new Int32Array(nNodes)
  const nodeIds = new Int32Array(nNodes)
  const leafTree: number[] = []
  const leafNode: number[] = []
  const leafWeight: number[] = []
  for (let t = 0; t < model.nTrees; t++) {
    for (let node = treeStart[t]!; node < treeStart[t + 1]!; node++) {
      treeIds[node] = t
      nodeIds[node] = node - treeStart[t]!
      if (feature[node]! < 0) {
        leafTree.push(t)
        leafNode.push(node - treeStart[t]!)
        leafWeight.push(value[node]!)
      }
    }
  }
  const prior = marginPrior(model.params, model.nFeatures)
  if (prior === null) ensureANegativeVote(leafTree, leafNode, leafWeight)
  const isLeaf = (node: number) => feature[node]! < 0
  const nodeAttributes: onnx.IAttributeProto[] = [
    ints('nodes_treeids', treeIds),
    ints('nodes_nodeids', nodeIds),
    ints(
      'nodes_featureids',
      Array.from(feature, (f) => Math.max(f, 0)),
    ),
    {
      name: 'nodes_modes',
      type: AttributeType.STRINGS,
      strings: Array.from(feature, (f) => utf8(f < 0 ? 'LEAF' : 'BRANCH_LT')),
    },
    floats(
      'nodes_values',
      Array.from(threshold, (x, node) => (isLeaf(node) ? 0 : x)),
    ),
    ints(
      'nodes_truenodeids',
      Array.from(left, (child, node) => (isLeaf(node) ? 0 : child)),
    ),
    ints(
      'nodes_falsenodeids',
      Array.from(right, (child, node) => (isLeaf(node) ? 0 : child)),
    ),
    ints('nodes_missing_value_tracks_true', new Int32Array(nNodes)),
  ]
  // the leaves' votes: the classifier calls them class_*, the regressor target_* (one output, id 0)
  const leafAttributes = (prefix: 'class' | 'target'): onnx.IAttributeProto[] => [
    ints(`${prefix}_treeids`, leafTree),
    ints(`${prefix}_nodeids`, leafNode),
    ints(`${prefix}_ids`, new Int32Array(leafTree.length)),
    floats(`${prefix}_weights`, leafWeight),
  ]
  const classifierAttributes: onnx.IAttributeProto[] = [
    ...nodeAttributes,
    ...leafAttributes('class'),
    ints('classlabels_int64s', [0, 1]),
    { name: 'post_transform', type: AttributeType.STRING, s: utf8('LOGISTIC') },
    floats('base_values', [model.baseMargin]),
  ]
  // with a per-row prior the trees give a raw margin (regressor) and a few plain ops finish the job
  const regressorAttributes: onnx.IAttributeProto[] = [
    ...nodeAttributes,
    ...leafAttributes('target'),
    { name: 'n_targets', type: AttributeType.INT, i: 1 },
    { name: 'aggregate_function', type: AttributeType.STRING, s: utf8('SUM') },
    { name: 'post_transform', type: AttributeType.STRING, s: utf8('NONE') },
    floats('base_values', [model.baseMargin]),
  ]
  const tail = prior === null ? null : priorGraph(prior, onnxInputName, onnxOutputNames)
  const trees: onnx.INodeProto =
    tail === null
      ? {
          name: 'trees',
          opType: 'TreeEnsembleClassifier',
          domain: 'ai.onnx.ml',
          input: [onnxInputName],
          output: [onnxOutputNames.label, onnxOutputNames.probabilities],
          attribute: classifierAttributes,
        }
      : {
          name: 'trees',
          opType: 'TreeEnsembleRegressor',
          domain: 'ai.onnx.ml',
          input: [onnxInputName],
          output: [tail.treeOutput],
          attribute: regressorAttributes,
        }
  const batch = { dimParam: 'N' }
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'predictiondex-gbdt',
    producerVersion: '1',
    modelVersion: options.modelVersion ?? 1,
    docString: options.docString ?? 'PredictionDex battle model: P(A wins) from matchup features',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    metadataProps: metadataEntries(model, options.metadata ?? {}),
    graph: {
      name: 'predictiondex_gbdt',
      node: [trees, ...(tail?.nodes ?? [])],
      ...(tail === null ? {} : { initializer: tail.initializers }),
      input: [tensorInfo(onnxInputName, DataType.FLOAT, [batch, { dimValue: model.nFeatures }])],
      output: [
        tensorInfo(onnxOutputNames.label, DataType.INT64, [batch]),
        tensorInfo(onnxOutputNames.probabilities, DataType.FLOAT, [batch, { dimValue: 2 }]),
      ],
    },
  })
  return onnx.ModelProto.encode(proto).finish()
}

/**
 * ONNX Runtime's binary classifier picks the `label` output by `score > 0.5` (as if scores were
 * probabilities) when no class weight is negative, even with post_transform LOGISTIC — so a row with
 * margin 0.2 (P = 0.55) would be labelled 0. When every leaf weight is ≥ 0, one leaf's weight w is
 * written as two votes 2w and −w: the sum is unchanged (up to float32 rounding) and the runtime
 * then labels by `score > 0`, i.e. P(win) > 0.5, as it should.
 */
function ensureANegativeVote(trees: number[], nodes: number[], weights: number[]): void {
  if (weights.some((w) => w < 0)) return
  // A positive leaf w becomes 2w (exact in float32) and −w; if all are 0, leaf 0 gets +1 and −1.
  const at = Math.max(
    0,
    weights.findIndex((w) => w > 0),
  )
  const delta = weights[at]! > 0 ? weights[at]! : 1
  trees.push(trees[at]!)
  nodes.push(nodes[at]!)
  weights[at] = weights[at]! + delta
  weights.push(-delta)
}

function tensorInfo(
  name: string,
  elemType: number,
  dim: onnx.TensorShapeProto.IDimension[],
): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim } } } }
}

function metadataEntries(model: GbdtModel, extra: Record<string, string>): onnx.IStringStringEntryProto[] {
  const entries: Record<string, string> = {
    'predictiondex.n_features': String(model.nFeatures),
    'predictiondex.n_trees': String(model.nTrees),
    'predictiondex.base_score': String(model.baseScore),
    'predictiondex.params': JSON.stringify(model.params),
    ...(model.featureNames === null
      ? {}
      : { 'predictiondex.feature_names': JSON.stringify(model.featureNames) }),
    ...extra,
  }
  return Object.keys(entries)
    .sort()
    .map((key) => ({ key, value: entries[key]! }))
}
