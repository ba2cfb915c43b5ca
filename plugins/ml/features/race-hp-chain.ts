/**
 * The target's HP distribution in one race: a probability mass per cell (aux state `a`, own state
 * `r`, HP `h`), advanced one action at a time by writing the next distribution into a second
 * buffer and swapping (two buffers for the whole race: no allocation per turn). Mass that reaches
 * 0 HP leaves the chain into `ko` at its time key 3t + slot (0: first mover, 1: second mover,
 * 2: end of turn), so that the two sides' KO times can be merged into who wins.
 */
export interface HpChain {
  readonly hp: number
  /** HP 0 … hp: the stride of one (a, r) cell. */
  readonly width: number
  /** (aux states) × (own states): the number of HP rows. */
  readonly cells: number
  cur: Float64Array
  nxt: Float64Array
  /** Mass that fainted, by time key 3t + slot. */
  readonly ko: Float64Array
  /** Mass the foe won by returning damage (Counter & co.), by time key. */
  readonly reflect: Float64Array
  /** Mass still in play. */
  alive: number
  /** Offset of the HP row of aux state `a` and own state `r`. */
  readonly idx: (a: number, r: number) => number
}

/**
 * @example
 * const chain = hpChain(120, 1, 1, 200) // all mass at full HP
 * faint(chain, 3 * 1 + 0, 0.25) // a quarter fainted to the first mover in turn 1
 */
export function hpChain(hp: number, auxSize: number, restAux: number, turns: number): HpChain {
  const width = hp + 1
  const cells = auxSize * restAux
  const cur = new Float64Array(cells * width)
  cur[hp] = 1
  return {
    hp,
    width,
    cells,
    cur,
    nxt: new Float64Array(cells * width),
    ko: new Float64Array(3 * (turns + 1)),
    reflect: new Float64Array(3 * (turns + 1)),
    alive: 1,
    idx: (a, r) => (a * restAux + r) * width,
  }
}

/** Makes the next distribution the current one and clears the other buffer for the next step. */
export function swap(chain: HpChain): void {
  const tmp = chain.cur
  chain.cur = chain.nxt
  chain.nxt = tmp
  chain.nxt.fill(0)
}

/** Takes `mass` out of play: the target fainted at time key `key`. */
export function faint(chain: HpChain, key: number, mass: number): void {
  chain.ko[key]! += mass
  chain.alive -= mass
}
