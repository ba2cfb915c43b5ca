import type { SweepChance, SweepGraph, SweepNode, SweepTurn } from './graph.ts'

/**
 * The sweep's part of a graph, without the discrete states themselves (the rules' modes) nor the
 * branches' HP ops (the layout has them): what a sweep helper receives, cheap to copy.
 */
export function sweepView(graph: SweepGraph): SweepGraph {
  const nodes: SweepNode[] = graph.nodes.map((node) =>
    node.kind === 'turn'
      ? { kind: node.kind, id: node.id, rows: node.rows, cols: node.cols, entries: node.entries }
      : { kind: node.kind, id: node.id, stage: node.stage },
  )
  return {
    nodes,
    turns: graph.turns.map((turn) => nodes[turn.id] as SweepTurn),
    chances: graph.chances.map((chance) => nodes[chance.id] as SweepChance),
    upward: graph.upward,
    maxHp: graph.maxHp,
  }
}
