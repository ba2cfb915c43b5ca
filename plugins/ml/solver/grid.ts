/**
 * Probability mass over the HP pairs (hp of A, hp of B) of one discrete battle state. Only a
 * rectangular region is stored (row-major, `(a − a0) · cols + (b − b0)`), grown on demand: most
 * states of a long battle hold mass on a few cells, and a full 200 × 200 grid for each of them
 * cost more in allocation than in arithmetic. `aMin…aMax × bMin…bMax` bounds the cells that may
 * be non-zero. HP 0 is never stored: a fainted side ends the battle.
 */
export interface Grid {
  readonly maxA: number
  readonly maxB: number
  data: Float64Array
  a0: number
  b0: number
  rows: number
  cols: number
  aMin: number
  aMax: number
  bMin: number
  bMax: number
  readonly store: BufferStore
}

/**
 * Zeroed Float64Array buffers by power-of-two capacity, shared by every solve of a solver, so
 * that a solve's many short-lived grids do not each allocate.
 */
export interface BufferStore {
  take(size: number): Float64Array
  /** Gives back a buffer that is all zeros. */
  give(buffer: Float64Array): void
}

/**
 * @param allocate makes a zeroed buffer of a capacity (e.g. over a SharedArrayBuffer, for tables
 *   that several threads fill)
 * @example const store = createBufferStore()
 */
export function createBufferStore(
  maxPerClass = 512,
  allocate: (capacity: number) => Float64Array = (capacity) => new Float64Array(capacity),
): BufferStore {
  const free = new Map<number, Float64Array[]>()
  return {
    take(size) {
      let capacity = 64
      while (capacity < size) capacity *= 2
      return free.get(capacity)?.pop() ?? allocate(capacity)
    },
    give(buffer) {
      const list = free.get(buffer.length) ?? []
      if (list.length < maxPerClass) list.push(buffer)
      free.set(buffer.length, list)
    },
  }
}

/** Reuses grid objects of one battle across the phases of a solve. */
export interface GridPool {
  acquire(): Grid
  /** Zeroes the grid and takes it back (its buffer goes back to the store). */
  release(grid: Grid): void
  /** Releases every grid ever acquired (end of a solve). */
  dispose(): void
}

const EMPTY = new Float64Array(0)

/**
 * @example
 * const pool = createGridPool(110, 150, createBufferStore())
 * const grid = pool.acquire(); addMass(grid, 110, 150, 1)
 */
export function createGridPool(maxA: number, maxB: number, store: BufferStore): GridPool {
  const free: Grid[] = []
  const live = new Set<Grid>()
  const pool: GridPool = {
    acquire() {
      const grid = free.pop() ?? {
        maxA,
        maxB,
        data: EMPTY,
        a0: 0,
        b0: 0,
        rows: 0,
        cols: 0,
        aMin: maxA + 1,
        aMax: 0,
        bMin: maxB + 1,
        bMax: 0,
        store,
      }
      live.add(grid)
      return grid
    },
    release(grid) {
      clearRegion(grid)
      live.delete(grid)
      free.push(grid)
    },
    dispose() {
      for (const grid of [...live]) pool.release(grid)
    },
  }
  return pool
}

function clearRegion(grid: Grid): void {
  if (grid.rows > 0) {
    for (let a = grid.aMin; a <= grid.aMax; a++) {
      const row = (a - grid.a0) * grid.cols - grid.b0
      grid.data.fill(0, row + grid.bMin, row + grid.bMax + 1)
    }
    grid.store.give(grid.data)
  }
  grid.data = EMPTY
  grid.rows = 0
  grid.cols = 0
  grid.aMin = grid.maxA + 1
  grid.aMax = 0
  grid.bMin = grid.maxB + 1
  grid.bMax = 0
}

/** Index of cell (a, b) in `grid.data` (the cell must be inside the region). */
export function cellIndex(grid: Grid, a: number, b: number): number {
  return (a - grid.a0) * grid.cols + (b - grid.b0)
}

/**
 * Grows the box of `grid` to include the given ranges, growing the stored region first if needed
 * (with slack, so a grid written cell by cell reallocates only a few times).
 */
export function growBox(grid: Grid, aLow: number, aHigh: number, bLow: number, bHigh: number): void {
  const needA0 = Math.min(aLow, grid.aMin)
  const needA1 = Math.max(aHigh, grid.aMax)
  const needB0 = Math.min(bLow, grid.bMin)
  const needB1 = Math.max(bHigh, grid.bMax)
  const fits =
    grid.rows > 0 &&
    needA0 >= grid.a0 &&
    needA1 < grid.a0 + grid.rows &&
    needB0 >= grid.b0 &&
    needB1 < grid.b0 + grid.cols
  if (!fits) reallocate(grid, needA0, needA1, needB0, needB1)
  grid.aMin = needA0
  grid.aMax = needA1
  grid.bMin = needB0
  grid.bMax = needB1
}

function reallocate(grid: Grid, a0: number, a1: number, b0: number, b1: number): void {
  const slackA = Math.max(4, (a1 - a0) >> 1)
  const slackB = Math.max(4, (b1 - b0) >> 1)
  const newA0 = Math.max(1, a0 - slackA)
  const newA1 = Math.min(grid.maxA, a1 + slackA)
  const newB0 = Math.max(1, b0 - slackB)
  const newB1 = Math.min(grid.maxB, b1 + slackB)
  const rows = newA1 - newA0 + 1
  const cols = newB1 - newB0 + 1
  const data = grid.store.take(rows * cols)
  if (grid.rows > 0 && grid.aMin <= grid.aMax) {
    for (let a = grid.aMin; a <= grid.aMax; a++) {
      const from = (a - grid.a0) * grid.cols - grid.b0
      const to = (a - newA0) * cols - newB0
      for (let b = grid.bMin; b <= grid.bMax; b++) data[to + b] = grid.data[from + b]!
    }
  }
  const [aMin, aMax, bMin, bMax] = [grid.aMin, grid.aMax, grid.bMin, grid.bMax]
  clearRegion(grid)
  grid.data = data
  grid.a0 = newA0
  grid.b0 = newB0
  grid.rows = rows
  grid.cols = cols
  grid.aMin = aMin
  grid.aMax = aMax
  grid.bMin = bMin
  grid.bMax = bMax
}

/** Adds mass at (a, b), growing the box (only when (a, b) is outside it: the common case is cheap). */
export function addMass(grid: Grid, a: number, b: number, mass: number): void {
  if (a < grid.aMin || a > grid.aMax || b < grid.bMin || b > grid.bMax) growBox(grid, a, a, b, b)
  grid.data[(a - grid.a0) * grid.cols + b - grid.b0]! += mass
}

/** Total mass. */
export function totalMass(grid: Grid): number {
  let total = 0
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const row = (a - grid.a0) * grid.cols - grid.b0
    for (let b = grid.bMin; b <= grid.bMax; b++) total += grid.data[row + b]!
  }
  return total
}

/**
 * Shrinks the box to the cells holding more than `floor` and drops (zeroes) the rest; returns the
 * mass dropped, which the caller reports as unresolved probability.
 */
export function prune(grid: Grid, floor: number): number {
  return pruneCounting(grid, floor)[0]
}

/**
 * `prune`, and the mass kept: [dropped, kept], kept summed in scan order like `totalMass` (whose
 * zeros add nothing), so equal to the bit to `prune` then `totalMass`, in one pass instead of two.
 */
export function pruneCounting(grid: Grid, floor: number): [number, number] {
  let dropped = 0
  let kept = 0
  let aMin = grid.maxA + 1
  let aMax = 0
  let bMin = grid.maxB + 1
  let bMax = 0
  const data = grid.data
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const row = (a - grid.a0) * grid.cols - grid.b0
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      if (mass <= floor) {
        dropped += mass
        data[row + b] = 0
        continue
      }
      kept += mass
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
  return [dropped, kept]
}
