import { constantDist, type Dist, mix } from './dist.ts'
import type { Leaf } from './leaf.ts'
import { createModeTable } from './mode.ts'

/** A leaf inside the hit loop, with the damage of earlier hits not yet written as an op. */
export interface Hitting {
  leaf: Leaf
  pending: Dist | null
}

/**
 * Merges the states after one hit of a multi-hit move that are the same battle from here on: the
 * same discrete state, the same HP ops, the same `done`, damage pending or not. The merged state's
 * probability is theirs summed and its pending damage the mixture of theirs (weighted by
 * probability): the same outcomes with the same probabilities, as one leaf.
 *
 * Why: a hit that Counter, Mirror Coat or Bide records splits its leaf per damage amount, because
 * the state keeps the amount. Over the hits of Pin Missile that is ≈ 24^5 leaves (minutes and
 * gigabytes for one action), though the state only keeps the last amount (Counter) or the sum
 * (Bide): after each hit they fall back into a few dozen states.
 *
 * @returns `states` itself when nothing merges; else the merged states in order of first appearance.
 * @example mergeEqualHits(next) // after each hit, before the next one
 */
export function mergeEqualHits(states: Hitting[]): Hitting[] {
  if (states.length < 2) return states
  const table = createModeTable()
  // per distinct state (table index): the merged states that have it (usually one)
  const byMode: number[][] = []
  const groups: Hitting[][] = []
  for (const state of states) {
    const index = table.indexOf(state.leaf.m, false)
    // table indices count up from 0 in order of first appearance
    if (index === byMode.length) byMode.push([])
    const candidates = byMode[index]!
    const group = candidates.find((g) => sameFuture(groups[g]![0]!, state))
    if (group === undefined) {
      candidates.push(groups.length)
      groups.push([state])
    } else groups[group]!.push(state)
  }
  if (groups.length === states.length) return states
  return groups.map(merged)
}

function sameFuture(x: Hitting, y: Hitting): boolean {
  if (x.leaf.done !== y.leaf.done || (x.pending === null) !== (y.pending === null)) return false
  const a = x.leaf.ops
  const b = y.leaf.ops
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function merged(group: Hitting[]): Hitting {
  const first = group[0]!
  if (group.length === 1) return first
  let p = 0
  for (const state of group) p += state.leaf.p
  const pending =
    first.pending && mix(group.map((s) => [s.pending ?? constantDist(0), s.leaf.p / p] as const))
  first.leaf.p = p
  return { leaf: first.leaf, pending }
}
