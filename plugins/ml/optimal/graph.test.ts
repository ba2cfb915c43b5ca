import { describe, expect, test } from 'bun:test'
import { opText } from '../../../testing/ml/graph-text.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { exploreGame, type GameGraph } from './graph.ts'
import { createOutcomeCache } from './outcome-cache.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const LIMITS = { maxStates: 30_000 }

/** The whole graph as text: node by node, branch by branch, probabilities to the bit, leaf edges. */
function graphText(graph: GameGraph): string {
  const lines = [`root ${graph.root} upward ${graph.upward} maxHp ${graph.maxHp}`]
  for (const node of graph.nodes) {
    if (node.kind === 'turn') {
      const entries = node.entries.map((entry) => entry.map((e) => `${e.p}>${e.node}`).join(' '))
      lines.push(`turn ${node.state.join(',')} ${node.rows}/${node.cols} ${entries.join('|')}`)
    } else {
      const branches = node.branches.map((b) => `${b.p}>${b.node} ${b.ops.map(opText).join(';')}`)
      lines.push(`chance ${node.stage} ${node.state?.join(',') ?? '-'} ${branches.join('|')}`)
    }
    lines.push(`edges ${graph.leafEdges[node.id]?.join(',') ?? '-'}`)
  }
  return lines.join('\n')
}

// games whose rules cover most of what the exploration merges: multi-hit moves folded, secondary
// effects, drain and recoil, Counter and Dig (outcomes per foe choice), Disable, Sucker Punch,
// Leech Seed, Rest, a speed tie, PP counted
const GAMES: readonly (readonly [string, GameSideInput, GameSideInput, [boolean[], boolean[]]])[] = [
  [
    'multi-hit, crits, secondaries',
    { species: 'jolteon', moves: ['thunderbolt', 'quickattack', 'doublekick', 'pinmissile'] },
    { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
    [[], []],
  ],
  [
    'drain, recoil, Leech Seed, Rest, recharge',
    { species: 'venusaur', moves: ['megadrain', 'takedown', 'leechseed'] },
    { species: 'snorlax', moves: ['rest', 'bodyslam', 'hyperbeam'] },
    [[], []],
  ],
  [
    'Counter, Dig, Disable, Taunt',
    { species: 'machamp', moves: ['counter', 'dig', 'karatechop'] },
    { species: 'kadabra', moves: ['disable', 'psychic', 'taunt'] },
    [[], []],
  ],
  [
    'Sucker Punch, a speed tie, PP counted',
    { species: 'rattata', moves: ['suckerpunch', 'quickattack'] },
    { species: 'rattata', moves: ['tailwhip', 'tackle'] },
    [[false, true], []],
  ],
]

/**
 * Fingerprints of these games' graphs as main explored them before the exploration was made
 * cheaper (2026-12-03): any change of a node, a branch, a probability or an edge changes one.
 */
const PINNED: Record<string, string> = {
  'multi-hit, crits, secondaries': 'd8d0903d53c8a3c0',
  'drain, recoil, Leech Seed, Rest, recharge': '3408eb195a46509',
  'Counter, Dig, Disable, Taunt': 'e3390dbea47364ec',
  'Sucker Punch, a speed tie, PP counted': 'ed08e6d814fb1f36',
}

describe('exploreGame: the explored graphs do not change', () => {
  test.each(GAMES)('%s', (name, a, b, tracked) => {
    const game = createGame(engine.dex, factory, a, b, { tracked })
    const graph = exploreGame(game, initialState(game), LIMITS, createOutcomeCache())
    expect(graph.nodes.length).toBeGreaterThan(50)
    const text = graphText(graph)
    // explored with a cache of its own (only first actions shared) it is the very same graph
    expect(graphText(exploreGame(game, initialState(game), LIMITS))).toBe(text)
    expect({ name, nodes: graph.nodes.length, hash: Bun.hash(text).toString(16) }).toEqual({
      name,
      nodes: graph.nodes.length,
      hash: PINNED[name] ?? 'unpinned',
    })
  })
})
