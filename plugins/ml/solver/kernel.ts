import type { Dist } from './dist.ts'

/** 0 = side A (the player), 1 = side B (the opponent). */
export type Side = 0 | 1

/**
 * What one random branch of a turn phase does to the HP of the two sides, in the engine's order.
 * The first side to reach 0 HP loses (see `applyBranch` for why that holds in every phase).
 */
export type HpOp =
  /** Damage drawn from `dist` (fixed damage is a point mass); KO when it reaches the HP left. */
  | { readonly kind: 'damage'; readonly side: Side; readonly dist: Dist }
  /** Super Fang: max(1, ⌊hp/2⌋). */
  | { readonly kind: 'halve'; readonly side: Side }
  /** Faint outright (Explosion's user, before its damage; an OHKO's target). */
  | { readonly kind: 'faint'; readonly side: Side }
  /** Heal `amount`, capped at max HP. */
  | { readonly kind: 'heal'; readonly side: Side; readonly amount: number }
  /** Recoil: max(1, round(dealt · num/den)) where dealt = HP taken by the previous damage op. */
  | { readonly kind: 'recoil'; readonly side: Side; readonly num: number; readonly den: number }
  /** Drain: heal max(1, round(dealt · num/den)) after the previous damage op. */
  | { readonly kind: 'drain'; readonly side: Side; readonly num: number; readonly den: number }
  /** Leech Seed: `amount` damage to `side`, the other side heals what was dealt. */
  | { readonly kind: 'leech'; readonly side: Side; readonly amount: number }
  /** The branch applies only to cells whose HP on `side` passes the test (partition with a sibling). */
  | { readonly kind: 'guard'; readonly side: Side; readonly test: HpTest }

/** HP conditions some moves check before acting (Rest, Recover, Substitute). */
export type HpTest = 'full' | 'notFull' | 'aboveQuarter' | 'atMostQuarter'

/**
 * One class of outcomes of a phase that do the same thing to HP: the ops, their total probability
 * (independent of HP), and how that probability splits over the discrete states that follow
 * (e.g. a hit that paralyses 10 % of the time: one damage distribution, two next states). The HP
 * work is done once per branch, then shared out. `M` is the mode type (kept generic so the grid
 * code does not depend on the mechanics).
 */
export interface Branch<M> {
  readonly p: number
  readonly ops: readonly HpOp[]
  readonly targets: readonly { readonly p: number; readonly next: M }[]
}
