/**
 * Probability mass over the HP pairs (hp of A, hp of B) of one discrete battle state, dense and
 * row-major (`a * width + b`), with a bounding box of the cells that may be non-zero. HP 0 is never
 * stored: a fainted side ends the battle. Grids are recycled through a pool because a solve
 * creates and drops many of them.
 */
export interface Grid {
  readonly maxA: number
  readonly maxB: number
  readonly width: number
  readonly data: Float64Array
  aMin: number
  aMax: number
  bMin: number
  bMax: number
}

/** Reuses grids of one size across the phases of a solve. */
export interface GridPool {
  acquire(): Grid
  /** Zeroes the grid's box and takes it back. */
  release(grid: Grid): void
}

/**
 * Zeroed Float64Array buffers by power-of-two capacity, shared by every solve of a solver: a solve
 * needs dozens of grids of ~25 k cells and allocating them each time costs more than the solve.
 */
export interface BufferStore {
  take(size: number): Float64Array
  /** Gives back a buffer that is all zeros. */
  give(buffer: Float64Array): void
}

/** @example const store = createBufferStore() */
export function createBufferStore(maxPerClass = 256): BufferStore {
  const free = new Map<number, Float64Array[]>()
  return {
    take(size) {
      let capacity = 1024
      while (capacity < size) capacity *= 2
      return free.get(capacity)?.pop() ?? new Float64Array(capacity)
    },
    give(buffer) {
      const list = free.get(buffer.length) ?? []
      if (list.length < maxPerClass) list.push(buffer)
      free.set(buffer.length, list)
    },
  }
}

/**
 * @example
 * const pool = createGridPool(110, 150, createBufferStore())
 * const grid = pool.acquire(); addMass(grid, 110, 150, 1)
 */
export function createGridPool(
  maxA: number,
  maxB: number,
  store: BufferStore,
): GridPool & { dispose(): void } {
  const free: Grid[] = []
  const all: Grid[] = []
  const width = maxB + 1
  return {
    acquire() {
      const grid = free.pop()
      if (grid) return grid
      const fresh: Grid = {
        maxA,
        maxB,
        width,
        data: store.take(width * (maxA + 1)),
        aMin: maxA + 1,
        aMax: 0,
        bMin: maxB + 1,
        bMax: 0,
      }
      all.push(fresh)
      return fresh
    },
    release(grid) {
      if (grid.aMin <= grid.aMax) {
        for (let a = grid.aMin; a <= grid.aMax; a++) {
          grid.data.fill(0, a * grid.width + grid.bMin, a * grid.width + grid.bMax + 1)
        }
      }
      grid.aMin = maxA + 1
      grid.aMax = 0
      grid.bMin = maxB + 1
      grid.bMax = 0
      free.push(grid)
    },
    /** Returns every grid's buffer to the store; grids still in use are zeroed first. */
    dispose() {
      const freeSet = new Set(free)
      for (const grid of all) {
        if (!freeSet.has(grid)) this.release(grid)
        store.give(grid.data)
      }
      free.length = 0
      all.length = 0
    },
  }
}

/** Adds mass at (a, b), growing the box. */
export function addMass(grid: Grid, a: number, b: number, mass: number): void {
  grid.data[a * grid.width + b]! += mass
  if (a < grid.aMin) grid.aMin = a
  if (a > grid.aMax) grid.aMax = a
  if (b < grid.bMin) grid.bMin = b
  if (b > grid.bMax) grid.bMax = b
}

/** Grows the box of `grid` to include the given ranges (callers then write inside it). */
export function growBox(grid: Grid, aLow: number, aHigh: number, bLow: number, bHigh: number): void {
  if (aLow < grid.aMin) grid.aMin = aLow
  if (aHigh > grid.aMax) grid.aMax = aHigh
  if (bLow < grid.bMin) grid.bMin = bLow
  if (bHigh > grid.bMax) grid.bMax = bHigh
}

/** Total mass. */
export function totalMass(grid: Grid): number {
  let total = 0
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const row = a * grid.width
    for (let b = grid.bMin; b <= grid.bMax; b++) total += grid.data[row + b]!
  }
  return total
}

/**
 * Shrinks the box to the cells holding more than `floor` and drops (zeroes) the rest; returns the
 * mass dropped, which the caller reports as unresolved probability.
 */
export function prune(grid: Grid, floor: number): number {
  let dropped = 0
  let aMin = grid.maxA + 1
  let aMax = 0
  let bMin = grid.maxB + 1
  let bMax = 0
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const row = a * grid.width
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      const mass = grid.data[row + b]!
      if (mass === 0) continue
      if (mass <= floor) {
        dropped += mass
        grid.data[row + b] = 0
        continue
      }
      if (a < aMin) aMin = a
      if (a > aMax) aMax = a
      if (b < bMin) bMin = b
      if (b > bMax) bMax = b
    }
  }
  grid.aMin = aMin
  grid.aMax = aMax
  grid.bMin = bMin
  grid.bMax = bMax
  return dropped
}
