/**
 * The discrete part of a battle state (everything but the two HP values): statuses and their
 * counters, stat stages, PP, volatile effects, side conditions and the within-turn facts the engine
 * keeps. Stored as a flat Int32Array (two side blocks, then turn fields) so that cloning is one
 * `slice` and the identity of a state is its `join(',')`.
 */
export type Mode = Int32Array

/** Status codes. */
export const NONE = 0
export const PAR = 1
export const BRN = 2
export const PSN = 3
export const TOX = 4
export const SLP = 5
export const FRZ = 6
export const STATUS_IDS = ['', 'par', 'brn', 'psn', 'tox', 'slp', 'frz'] as const

/** Field offsets inside a side block. */
export const F = {
  status: 0,
  /** Toxic stage, or turns of sleep left (the engine's `statusState.time`). */
  statusTime: 1,
  atk: 2,
  def: 3,
  spa: 4,
  spd: 5,
  spe: 6,
  accuracy: 7,
  evasion: 8,
  /**
   * PP is not stored as a count (that would make every turn a new state): PP left at a turn is
   * max − (turns before it − skips) − spent, see `ppLeft`. `ppSkips` counts finished turns in which
   * the side did not pay PP, `ppSpent` is 1 once it paid this turn, `ppOut` 1 once it ran out.
   */
  ppSkips: 9,
  /** Confusion turns left (`volatiles.confusion.time`). */
  confusion: 10,
  /** Thrash / Petal Dance / Outrage lock: the volatile's `duration` and `trueDuration`. */
  lockDuration: 11,
  lockTrue: 12,
  /** Charge turn done (`twoturnmove` duration left); the move attacks on the next action. */
  charging: 13,
  /** Hyper Beam: must recharge (`mustrecharge` duration left). */
  recharge: 14,
  /** Bide: duration left and damage stored. */
  bide: 15,
  bideDamage: 16,
  /** Wrap / Bind / Clamp / Fire Spin on this side: duration left. */
  trapped: 17,
  /** Substitute HP (0 = none). */
  sub: 18,
  /** Protect's `stall` volatile: success counter and duration left. */
  stall: 19,
  stallDuration: 20,
  /** Protected this turn. */
  protect: 21,
  seeded: 22,
  focusEnergy: 23,
  minimize: 24,
  /** Disable / Taunt / Encore / Yawn: duration left. */
  disable: 25,
  taunt: 26,
  encore: 27,
  yawn: 28,
  rage: 29,
  /** Side conditions of this side: turns left. */
  reflect: 30,
  lightScreen: 31,
  mist: 32,
  /** `activeMoveActions`, capped at 2 (only "more than one" matters: Fake Out). */
  actions: 33,
  /** Last move used: 0 none, 1 its move, 2 Struggle. */
  lastMove: 34,
  /** Conversion: index + 1 of the type it changed to (0 = its own types). */
  typeChange: 35,
  /** Roost this turn (Flying type removed until the end of the turn). */
  roost: 36,
  /** Counter / Mirror Coat volatile this turn: 1 + damage to return (0 = no volatile). */
  counter: 37,
  /** Acted this turn. */
  moved: 38,
  flinch: 39,
  /** Semi-invulnerable (Dig / Fly volatile) until it attacks. */
  invulnerable: 40,
  /** Bide's last damage came from itself (confusion): the release then hits itself, as in the engine. */
  bideFromSelf: 41,
  /** What the side chose at the start of this turn: 0 its move, 1 Struggle (no PP, or disabled). */
  choice: 42,
  ppSpent: 43,
  ppOut: 44,
} as const

export const SIDE_SIZE = 45
/** Turn fields, after the two side blocks. */
export const T_ORDER = SIDE_SIZE * 2
export const MODE_SIZE = T_ORDER + 1

export const BOOST_FIELDS = [F.atk, F.def, F.spa, F.spd, F.spe, F.accuracy, F.evasion] as const
export const BOOST_NAMES = ['atk', 'def', 'spa', 'spd', 'spe', 'accuracy', 'evasion'] as const
export type BoostName = (typeof BOOST_NAMES)[number]

/** Offset of a side's block: 0 for A, SIDE_SIZE for B. */
export function at(side: 0 | 1, field: number): number {
  return side * SIDE_SIZE + field
}

/**
 * The starting state: nothing has happened yet.
 *
 * @example
 * const mode = initialMode()
 */
export function initialMode(): Mode {
  return new Int32Array(MODE_SIZE)
}

/** A state interned by its content, so equal states share grids and cached kernels. */
export interface ModeTable {
  intern(mode: Mode): Mode
  /** `intern` for a caller that keeps `mode` (a scratch buffer): a new state is stored as a copy. */
  internCopy(mode: Mode): Mode
  key(mode: Mode): string
  readonly size: number
}

/**
 * Interning by content hash (FNV-1a over the fields) with equality checks on collision: building a
 * string key for every new state cost more than the rest of the bookkeeping.
 *
 * @example const table = createModeTable(); table.intern(initialMode())
 */
export function createModeTable(): ModeTable {
  const buckets = new Map<number, Mode[]>()
  let size = 0
  const find = (mode: Mode, hash: number): Mode | undefined => {
    const bucket = buckets.get(hash)
    if (bucket) for (const known of bucket) if (sameMode(known, mode)) return known
    return undefined
  }
  const add = (mode: Mode, hash: number): Mode => {
    const bucket = buckets.get(hash)
    if (bucket) bucket.push(mode)
    else buckets.set(hash, [mode])
    size++
    return mode
  }
  return {
    intern(mode) {
      const hash = hashMode(mode)
      return find(mode, hash) ?? add(mode, hash)
    },
    internCopy(mode) {
      const hash = hashMode(mode)
      return find(mode, hash) ?? add(mode.slice(), hash)
    },
    key(mode) {
      return mode.join(',')
    },
    get size() {
      return size
    },
  }
}

function hashMode(mode: Mode): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < mode.length; i++) hash = Math.imul(hash ^ mode[i]!, 0x01000193)
  return hash >>> 0
}

function sameMode(x: Mode, y: Mode): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}
