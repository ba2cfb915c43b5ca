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

/**
 * A copy of `mode`: the one place where the rules copy a state (every chance split, every new
 * state interned from a scratch buffer), the dearest thing an exploration does (a typed array
 * that lives on: ≈ 20 % of an optimal-play exploration's samples).
 */
export function cloneMode(mode: Mode): Mode {
  return new Int32Array(mode)
}

/** A state interned by its content, so equal states share grids and cached kernels. */
export interface ModeTable {
  intern(mode: Mode): Mode
  /** `intern` for a caller that keeps `mode` (a scratch buffer): a new state is stored as a copy. */
  internCopy(mode: Mode): Mode
  /**
   * The index (0, 1, … in order of first appearance) of the state equal to `mode`, interned now if
   * new (`mode` itself, or a copy when `copy`): what lets a caller keep per-state data in arrays.
   */
  indexOf(mode: Mode, copy: boolean): number
  /** The index of the state equal to `mode` if it was interned, else −1 (nothing is added). */
  find(mode: Mode): number
  /** The state interned at `index`. */
  at(index: number): Mode
  key(mode: Mode): string
  readonly size: number
}

/**
 * Interning by content hash with equality checks on collision, in an open-addressing table
 * (linear probing over indices, each state's hash kept beside it): no string key, no list per
 * hash — the optimal-play exploration interns every leaf's next state.
 *
 * @example const table = createModeTable(); table.intern(initialMode())
 */
export function createModeTable(): ModeTable {
  const modes: Mode[] = []
  let hashes = new Int32Array(256)
  // per slot: index + 1 of the state there, 0 = empty; at most half full
  let slots = new Int32Array(512)
  const slotOf = (mode: Mode, hash: number): number => {
    const mask = slots.length - 1
    let slot = hash & mask
    for (;;) {
      const entry = slots[slot]!
      if (entry === 0 || (hashes[entry - 1] === hash && sameMode(modes[entry - 1]!, mode))) return slot
      slot = (slot + 1) & mask
    }
  }
  const grow = () => {
    const more = new Int32Array(hashes.length * 2)
    more.set(hashes)
    hashes = more
    slots = new Int32Array(slots.length * 2)
    const mask = slots.length - 1
    for (let index = 0; index < modes.length; index++) {
      let slot = hashes[index]! & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = index + 1
    }
  }
  const indexOf = (mode: Mode, copy: boolean): number => {
    const hash = hashMode(mode)
    const slot = slotOf(mode, hash)
    const entry = slots[slot]!
    if (entry !== 0) return entry - 1
    const index = modes.length
    modes.push(copy ? cloneMode(mode) : mode)
    hashes[index] = hash
    slots[slot] = index + 1
    if (modes.length === hashes.length) grow()
    return index
  }
  return {
    intern: (mode) => modes[indexOf(mode, false)]!,
    internCopy: (mode) => modes[indexOf(mode, true)]!,
    indexOf,
    find(mode) {
      return slots[slotOf(mode, hashMode(mode))]! - 1
    },
    at: (index) => modes[index]!,
    key(mode) {
      return mode.join(',')
    },
    get size() {
      return modes.length
    },
  }
}

/**
 * FNV-1a over the fields in four interleaved lanes (a quarter of the dependency chain: hashing is
 * most of what interning a state costs), then mixed.
 */
function hashMode(mode: Mode): number {
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  let c = 0x1b873593
  let d = 0x2545f491
  const n = mode.length
  let i = 0
  for (; i + 3 < n; i += 4) {
    a = Math.imul(a ^ mode[i]!, 0x01000193)
    b = Math.imul(b ^ mode[i + 1]!, 0x01000193)
    c = Math.imul(c ^ mode[i + 2]!, 0x01000193)
    d = Math.imul(d ^ mode[i + 3]!, 0x01000193)
  }
  for (; i < n; i++) a = Math.imul(a ^ mode[i]!, 0x01000193)
  let hash = a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ Math.imul(d, 0xc2b2ae35)
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  return hash ^ (hash >>> 13)
}

function sameMode(x: Mode, y: Mode): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}
