import { OP_NODES } from './kernels.ts'
import { MAX_NODE_TASKS, NODE_FLOATS, NODE_INTS, PIECE_INTS, type SharedTraining } from './shared-training.ts'
import { CANDIDATE_FLOATS, minimumHessian, pickCandidate, type SplitChoice } from './split.ts'
import { NODE_SCAN } from './step-kernels.ts'
import type { GrowContext } from './tree-builder.ts'

/**
 * Jobs with fewer records than this are run by the calling thread alone: waking a worker costs
 * more than the work. Only who runs a task depends on it, never what the task computes.
 */
export const ALONE_BELOW_RECORDS = 4096
/**
 * Tasks per thread of a NODES job. One: every extra piece re-reads its node's records, and a
 * 4-piece root histogram measured ~25 % more CPU than a 1- or 2-piece one (bench, min of 15).
 */
const TASKS_PER_THREAD = 1
/** What one more pass over a record costs a piece, in columns' worth of histogram updates (measured ≈ 5). */
const PASS_COST = 5
/** A task closes when this share of its target cost is reached (cuts fall on whole words). */
const CLOSE_AT = 0.999

/** A node whose histogram a NODES job builds (and, with a sibling, whose parent it subtracts). */
export interface BuildNode {
  store: number
  segments: number
  histogram: number
  /** The parent's histogram, turned into the sibling's; −1 = none (the root). */
  sibling: number
  records: number
  /** With NODE_MERGE: the histogram added into `histogram` before the scan. */
  merge?: number
  /** Σg, Σh of the built node, then of the sibling. */
  totals: number[]
}

/** What one tree needs besides the context: its columns and where its root's records are. */
export interface TreeScope {
  rootStore: number
  /** Columns of this tree (NODES ranges cut this many), and −1 or the same count when sampled. */
  width: number
  nSelected: number
}

export function setArgs(shared: SharedTraining, ints: number[], floats: number[] = []): void {
  shared.intArgs.set(ints)
  shared.floatArgs.set(floats)
}

export function writeNode(shared: SharedTraining, n: number, ints: number[], floats: number[] = []): void {
  shared.nodeInts.set(ints, n * NODE_INTS)
  shared.nodeFloats.set(floats, n * NODE_FLOATS)
}

/**
 * Runs one NODES job over `nodes` and, with NODE_SCAN, returns each node's split and its
 * sibling's. The job's work — each node's records × its columns — is cut into one task per
 * thread of equal cost (`planPieces`), so the threads end together whatever the sizes of the
 * nodes (the old one-job-per-node scheme left one thread idle on every small node); a cut inside a
 * node makes two pieces of it (one more pass over its records, for a column range).
 */
export function runNodes(
  ctx: GrowContext,
  scope: TreeScope,
  nodes: BuildNode[],
  mode: number,
): SplitChoice[][] {
  const { shared, rules } = ctx
  let total = 0
  for (const node of nodes) total += node.records
  const alone = total < ALONE_BELOW_RECORDS
  const nTasks = alone ? 1 : TASKS_PER_THREAD * ctx.team.threads
  const plan = planPieces(nodes, scope, nTasks)
  shared.taskInts.set(plan.taskStart)
  plan.pieces.forEach((piece, p) => {
    shared.taskInts.set(piece, MAX_NODE_TASKS + 1 + p * PIECE_INTS)
  })
  nodes.forEach((node, i) => {
    const ints = [node.store, node.segments, node.histogram, node.sibling, mode, node.merge ?? -1]
    writeNode(shared, i, ints, node.totals)
  })
  setArgs(shared, [OP_NODES, nTasks, scope.nSelected], [rules.regLambda, minimumHessian(rules)])
  ctx.team.run(nTasks, alone)
  if ((mode & NODE_SCAN) === 0) return []
  const stride = 2 * CANDIDATE_FLOATS
  const parts = shared.splitParts
  return nodes.map((_, i) => {
    const at = plan.firstPiece[i]! * stride
    const count = plan.pieceCount[i]!
    return [
      pickCandidate(parts, at, stride, count, rules.gamma),
      pickCandidate(parts, at + CANDIDATE_FLOATS, stride, count, rules.gamma),
    ]
  })
}

/** How a NODES job is cut: pieces [node, from, to] in node order, and each task's first piece. */
export interface PiecePlan {
  pieces: [number, number, number][]
  /** `nTasks + 1` entries: task t runs pieces taskStart[t] .. taskStart[t + 1]. */
  taskStart: number[]
  firstPiece: number[]
  pieceCount: number[]
}

/**
 * Walks the nodes, largest first, columns in order, and closes a task each time its cost (records ×
 * columns, plus `PASS_COST` columns' worth per record and piece for reading the record) reaches
 * 1/nTasks of the whole (counting one extra pass of the largest node per cut). Cuts fall on even
 * columns when all columns are used: half words of 1-byte bin codes, so the root's two halves
 * (0..30, 30..60) each read two codes byte by byte and cost the same. A node's pieces stay
 * consecutive and in column order, so its candidates are picked in range order.
 *
 * @example
 * planPieces([{ records: 500_000 }], { rootStore: 0, width: 60, nSelected: -1 }, 2).pieces
 * // [[0, 0, 30], [0, 30, 60]]
 */
export function planPieces(nodes: Pick<BuildNode, 'records'>[], scope: TreeScope, nTasks: number): PiecePlan {
  const { width } = scope
  const step = scope.nSelected < 0 ? 2 : 1
  const order = nodes.map((_, i) => i).sort((a, b) => nodes[b]!.records - nodes[a]!.records || a - b)
  let total = (nTasks - 1) * PASS_COST * (nodes[order[0]!]?.records ?? 0)
  for (const node of nodes) total += node.records * (width + PASS_COST)
  const target = total / nTasks
  const plan: PiecePlan = { pieces: [], taskStart: [0], firstPiece: [], pieceCount: [] }
  let spent = 0
  for (const i of order) {
    const records = Math.max(1, nodes[i]!.records)
    plan.firstPiece[i] = plan.pieces.length
    for (let from = 0; from < width; ) {
      const last = plan.taskStart.length === nTasks
      const room = (target - spent) / records - PASS_COST
      let to = last || room >= width - from ? width : step * Math.round((from + room) / step)
      if (to <= from) {
        if (spent === 0)
          to = Math.min(width, from + step) // a task takes at least one word
        else {
          plan.taskStart.push(plan.pieces.length)
          spent = 0
          continue
        }
      }
      to = Math.min(width, to)
      plan.pieces.push([i, from, to])
      spent += records * (to - from + PASS_COST)
      from = to
      if (!last && spent >= target * CLOSE_AT) {
        plan.taskStart.push(plan.pieces.length)
        spent = 0
      }
    }
    plan.pieceCount[i] = plan.pieces.length - plan.firstPiece[i]!
  }
  while (plan.taskStart.length <= nTasks) plan.taskStart.push(plan.pieces.length)
  return plan
}
