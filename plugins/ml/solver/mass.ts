import type { PhaseOutcomes } from './apply.ts'
import { applyBranch, copyScaled } from './apply.ts'
import { constantDist } from './dist.ts'
import { cellIndex, type Grid, type GridPool, growBox, prune, totalMass } from './grid.ts'
import type { HpOp } from './kernel.ts'
import { combineVec, damageVec, guardVec, halveVec, healVec, pointVec, pruneVec, type Vec } from './vec.ts'

/** One rank-one term: weight × (mass over A's HP) ⊗ (mass over B's HP). */
export interface Term {
  readonly w: number
  readonly u: Vec
  readonly v: Vec
}

/**
 * The probability mass of one discrete state: a short sum of rank-one terms, or a dense grid.
 *
 * Why terms: most HP ops touch one side only (a hit, a fixed amount, a heal, a guard), and such
 * ops keep u ⊗ v a product — a hit then costs |u| × |damage values| instead of |u| × |v| × |damage
 * values| on a grid. Mass arriving from different histories adds terms; past `MAX_RANK` terms, or
 * when an op couples the two sides (recoil, drain, Leech Seed), the state switches to a grid.
 */
export interface Mass {
  terms: Term[]
  grid: Grid | undefined
}

/** What mass operations need besides the masses: the grid pool, the rank limit, max HPs. */
export interface MassEnv {
  readonly pool: GridPool
  /** Terms a state may hold before it switches to a grid (0: always a grid). */
  readonly maxRank: number
  readonly maxHp: readonly [number, number]
}

/** The start of a battle: all mass at full HP. */
export function startMass(maxA: number, maxB: number): Mass {
  return { terms: [{ w: 1, u: pointVec(maxA), v: pointVec(maxB) }], grid: undefined }
}

export function emptyMass(): Mass {
  return { terms: [], grid: undefined }
}

/** Switches `mass` to a grid (idempotent) and returns it. */
export function asGrid(mass: Mass, pool: GridPool): Grid {
  if (mass.grid) return mass.grid
  const grid = pool.acquire()
  for (const term of mass.terms) addOuter(grid, term, 1)
  mass.terms = []
  mass.grid = grid
  return grid
}

function addOuter(grid: Grid, term: Term, scale: number): void {
  const { u, v } = term
  if (u.data.length === 0 || v.data.length === 0) return
  const w = term.w * scale
  growBox(grid, u.lo, u.lo + u.data.length - 1, v.lo, v.lo + v.data.length - 1)
  const data = grid.data
  for (let i = 0; i < u.data.length; i++) {
    const x = u.data[i]! * w
    if (x === 0) continue
    const row = cellIndex(grid, u.lo + i, v.lo)
    for (let j = 0; j < v.data.length; j++) data[row + j]! += x * v.data[j]!
  }
}

/** Adds `scale` × term to `mass`, merging with a term that shares a factor. */
export function addTerm(mass: Mass, term: Term, scale: number, env: MassEnv): void {
  const w = term.w * scale
  if (w === 0 || term.u.total === 0 || term.v.total === 0) return
  if (mass.grid) {
    addOuter(mass.grid, term, scale)
    return
  }
  for (const [i, known] of mass.terms.entries()) {
    if (known.u === term.u) {
      mass.terms[i] = { w: 1, u: known.u, v: combineVec(known.v, known.w, term.v, w) }
      return
    }
    if (known.v === term.v) {
      mass.terms[i] = { w: 1, u: combineVec(known.u, known.w, term.u, w), v: known.v }
      return
    }
  }
  mass.terms.push({ w, u: term.u, v: term.v })
  if (mass.terms.length > env.maxRank) asGrid(mass, env.pool)
}

/** Adds `scale` × source into target. */
export function addMassTo(target: Mass, source: Mass, scale: number, env: MassEnv): void {
  if (source.grid) copyScaled(source.grid, asGrid(target, env.pool), scale)
  else for (const term of source.terms) addTerm(target, term, scale, env)
}

const COUPLING = new Set<HpOp['kind']>(['recoil', 'drain'])

/**
 * Applies a branch's ops to `source`, adding the survivors (× p) to every target with its share.
 * `targets` are (mass, share) with shares summing to 1.
 */
export function applyToMass(
  source: Mass,
  ops: readonly HpOp[],
  p: number,
  targets: readonly (readonly [Mass, number])[],
  outcomes: PhaseOutcomes,
  env: MassEnv,
): void {
  const { pool, maxHp } = env
  if (source.grid || env.maxRank === 0 || ops.some((op) => COUPLING.has(op.kind))) {
    const grid = asGrid(source, pool)
    if (targets.length === 1) {
      applyBranch(grid, asGrid(targets[0]![0], pool), ops, p, outcomes, pool)
      return
    }
    const shared = pool.acquire()
    applyBranch(grid, shared, ops, p, outcomes, pool)
    for (const [target, share] of targets) copyScaled(shared, asGrid(target, pool), share)
    pool.release(shared)
    return
  }
  for (const term of source.terms) {
    const next = applyOps(term, ops, p, outcomes, maxHp)
    if (next) for (const [target, share] of targets) addTerm(target, next, share, env)
  }
}

function applyOps(
  term: Term,
  ops: readonly HpOp[],
  p: number,
  outcomes: PhaseOutcomes,
  maxHp: readonly [number, number],
): Term | undefined {
  const w = term.w * p
  let { u, v } = term
  for (const op of ops) {
    const other = op.side === 0 ? v.total : u.total
    const win = op.side === 0 ? 1 : 0
    switch (op.kind) {
      case 'damage':
      case 'halve': {
        const r =
          op.kind === 'damage' ? damageVec(op.side === 0 ? u : v, op.dist) : halveVec(op.side === 0 ? u : v)
        outcomes.wins[win] += w * r.fainted * other
        if (op.side === 0) u = r.vec
        else v = r.vec
        break
      }
      case 'faint':
        outcomes.wins[win] += w * u.total * v.total
        return undefined
      case 'heal':
        if (op.side === 0) u = healVec(u, op.amount, maxHp[0])
        else v = healVec(v, op.amount, maxHp[1])
        break
      case 'guard':
        if (op.side === 0) u = guardVec(u, op.test, maxHp[0])
        else v = guardVec(v, op.test, maxHp[1])
        break
      case 'leech': {
        // the seeded side loses a fixed amount; the other heals that much if it survives: two
        // independent maps, so the product form holds
        const r = damageVec(op.side === 0 ? u : v, constantDist(op.amount))
        outcomes.wins[win] += w * r.fainted * other
        if (op.side === 0) [u, v] = [r.vec, healVec(v, op.amount, maxHp[1])]
        else [v, u] = [r.vec, healVec(u, op.amount, maxHp[0])]
        break
      }
      default:
        throw new Error(`op ${op.kind} couples the sides`)
    }
    if (u.total === 0 || v.total === 0) return undefined
  }
  return { w, u, v }
}

/** Total probability held. */
export function massTotal(mass: Mass): number {
  if (mass.grid) return totalMass(mass.grid)
  return mass.terms.reduce((sum, t) => sum + t.w * t.u.total * t.v.total, 0)
}

/** Drops mass below `floor` (per cell, or per entry of a term); returns the probability dropped. */
export function pruneMass(mass: Mass, floor: number): number {
  if (mass.grid) return prune(mass.grid, floor)
  let dropped = 0
  const kept: Term[] = []
  for (const term of mass.terms) {
    const u = pruneVec(term.u, term.w * term.v.total, floor)
    const v = pruneVec(term.v, term.w * u.vec.total, floor)
    dropped += u.dropped + v.dropped
    if (u.vec.total > 0 && v.vec.total > 0) kept.push({ w: term.w, u: u.vec, v: v.vec })
  }
  mass.terms = kept
  return dropped
}

export function releaseMass(mass: Mass, pool: GridPool): void {
  if (mass.grid) pool.release(mass.grid)
  mass.grid = undefined
  mass.terms = []
}
