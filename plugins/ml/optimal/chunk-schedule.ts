import type { RowSweeper } from './row-sweep.ts'

/**
 * Cells of a row swept together (a chunk): the unit a thread claims when two sweep one game (see
 * `SweepTeam`), and where the cell game's guess restarts from the row below (one thread or two,
 * the same sums in the same order: the same values to the bit).
 */
export const CHUNK = 32

/**
 * Which chunks of a shared sweep are done (see `SweepTeam`): per row, chunks done and chunks
 * claimed (a thread owns chunk k of row a while claimed = k + 1 > done = k), and a counter that
 * moves at every chunk done, for the threads that wait. Int32Arrays over SharedArrayBuffers.
 */
export interface SharedChunks {
  readonly done: Int32Array
  readonly claimed: Int32Array
  /** [0]: chunks done in all (waiters sleep on it). */
  readonly progress: Int32Array
}

/** @example const chunks = createSharedChunks(rows.topA) */
export function createSharedChunks(topA: number): SharedChunks {
  const ints = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n))
  return { done: ints(topA + 1), claimed: ints(topA + 1), progress: ints(1) }
}

/** Spins (reading the counters) this long before doubling a chunk another thread holds. */
const SPIN_MS = 0.05
/** Longest single sleep (a chunk done wakes the sleepers at once). */
const SLEEP_MS = 1

/**
 * Sweeps chunks of `rows` with the other threads until every row is done; returns the largest
 * change. Chunk k of row a may start once chunk k of row a − 1 is done (the cells it reads, see
 * `RowSweeper.sweepCells`) and chunk k − 1 of row a too — chunk k + lag of the row below when B's
 * HP can rise, and in blocks (`SweepOrder`) chunk k − 1 up to row a + rise when A's can. A thread goes on along its row while it
 * can, else takes the lowest chunk that is ready. When none is, the other thread holds the chunk
 * everything waits for, and may have lost its core to another process: this thread sweeps that
 * chunk too rather than wait (a chunk's cells are the same to the bit whoever sweeps them, so the
 * second copy writes the same bytes), and whichever finishes first marks it done; the other
 * stops at its next cell. Two threads are then never much slower than the faster of them.
 *
 * @param check called while waiting; throws to stop (the other thread failed, the deadline passed)
 * @param onChunk called after each chunk this thread finished first
 * @param idle adds the milliseconds this thread slept waiting for the other (its CPU time over the
 *   rest of its time then says whether it had a core to itself: see `SweepTeam`)
 */
export function sweepSharedChunks(
  rows: RowSweeper,
  chunks: SharedChunks,
  check: () => void,
  onChunk: () => void,
  idle: { ms: number } = { ms: 0 },
): number {
  const { done, claimed, progress } = chunks
  const { topA, topB, order } = rows
  // blocks of B's HP sweep `width` cells a chunk; reads above the row or past the chunk wait longer
  const width = order.kind === 'blocks' ? order.width : CHUNK
  const lag = order.kind === 'rows' ? order.lag : 0
  const rise = order.kind === 'blocks' ? order.rise : 0
  const chunksOf = (a: number) => Math.ceil(topB[a]! / width)
  // per chunk k, the last row that has one (rows only get shorter as A's HP grows: see `rowEnds`)
  const lastRow = new Int32Array(chunksOf(1) + 1)
  for (let a = 1; a <= topA; a++) lastRow.fill(a, 0, chunksOf(a))
  /** Chunk k of row a reads chunk k + lag of the row below, and chunk k − 1 up to row a + rise. */
  const ready = (a: number, k: number) =>
    k < chunksOf(a) &&
    (a === 1 || Atomics.load(done, a - 1) > Math.min(k + lag, chunksOf(a - 1) - 1)) &&
    (rise === 0 || k === 0 || Atomics.load(done, Math.min(a + rise, lastRow[k - 1]!)) >= k)
  /** Claims chunk k of row a when it is ready and nobody has it. */
  const claim = (a: number, k: number) =>
    ready(a, k) && Atomics.load(claimed, a) === k && Atomics.compareExchange(claimed, a, k, k + 1) === k
  let change = 0
  let low = 1
  let prefer = 0
  let idleSince = -1
  let row = 0
  let k = 0
  const overtaken = () => Atomics.load(done, row) > k
  /** Finds a chunk to sweep (`row`, `k`): the preferred row's next, else the lowest ready one. */
  const find = (): boolean => {
    k = prefer > 0 ? Atomics.load(done, prefer) : 0
    if (prefer > 0 && claim(prefer, k)) {
      row = prefer
      return true
    }
    for (let a = low; a <= topA; a++) {
      k = Atomics.load(done, a)
      if (claim(a, k)) {
        row = a
        return true
      }
      // rows above need a chunk of this one
      if (k === 0) return false
    }
    return false
  }
  /** The lowest chunk that another thread holds (ready, claimed, not done): `row`, `k`. */
  const findHeld = (): boolean => {
    for (let a = low; a <= topA; a++) {
      k = Atomics.load(done, a)
      if (ready(a, k) && Atomics.load(claimed, a) === k + 1) {
        row = a
        return true
      }
      if (k === 0) return false
    }
    return false
  }
  for (;;) {
    const seen = Atomics.load(progress, 0)
    while (low <= topA && Atomics.load(done, low) >= chunksOf(low)) low++
    if (low > topA) return change
    if (!find()) {
      prefer = 0
      const now = performance.now()
      if (idleSince < 0) idleSince = now
      if (now - idleSince < SPIN_MS) continue
      check()
      if (!findHeld()) {
        const asleep = performance.now()
        Atomics.wait(progress, 0, seen, SLEEP_MS)
        idle.ms += performance.now() - asleep
        continue
      }
    }
    idleSince = -1
    const from = k * width + 1
    change = Math.max(change, rows.sweepCells(row, from, Math.min(topB[row]!, from + width - 1), overtaken))
    if (Atomics.compareExchange(done, row, k, k + 1) === k) {
      Atomics.add(progress, 0, 1)
      Atomics.notify(progress, 0)
      onChunk()
    }
    prefer = row
  }
}
