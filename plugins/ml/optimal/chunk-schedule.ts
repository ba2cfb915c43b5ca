import { CHUNK, type RowSweeper } from './row-sweep.ts'

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

/** Spins (reading the counters) this long before sleeping while nothing can be swept. */
const SPIN_MS = 0.1
/** Longest single sleep (a chunk done wakes the sleepers at once). */
const SLEEP_MS = 1

/**
 * Sweeps chunks of `rows` with the other threads until every row is done; returns the largest
 * change. Chunk k of row a may start once chunk k of row a − 1 is done (the cells it reads, see
 * `RowSweeper.sweepCells`) and chunk k − 1 of row a too. A thread goes on along its row while it
 * can, else takes the lowest chunk that is ready: when the other thread is slowed (another process
 * on its core), this one fills the rows above it a chunk behind, instead of waiting.
 *
 * @param check called while waiting; throws to stop (the other thread failed, the deadline passed)
 * @param onChunk called after each chunk this thread swept
 */
export function sweepSharedChunks(
  rows: RowSweeper,
  chunks: SharedChunks,
  check: () => void,
  onChunk: () => void,
): number {
  const { done, claimed, progress } = chunks
  const { topA, topB } = rows
  const chunksOf = (a: number) => Math.ceil(topB[a]! / CHUNK)
  /** Claims chunk k of row a when it is ready and nobody has it. */
  const claim = (a: number, k: number) =>
    k < chunksOf(a) &&
    (a === 1 || Atomics.load(done, a - 1) > k) &&
    Atomics.load(claimed, a) === k &&
    Atomics.compareExchange(claimed, a, k, k + 1) === k
  let change = 0
  let low = 1
  let prefer = 0
  let idleSince = -1
  for (;;) {
    const seen = Atomics.load(progress, 0)
    let row = 0
    let k = prefer > 0 ? Atomics.load(done, prefer) : 0
    if (prefer > 0 && claim(prefer, k)) row = prefer
    else {
      while (low <= topA && Atomics.load(done, low) >= chunksOf(low)) low++
      if (low > topA) return change
      for (let a = low; a <= topA; a++) {
        k = Atomics.load(done, a)
        if (claim(a, k)) {
          row = a
          break
        }
        // rows above need a chunk of this one
        if (k === 0) break
      }
    }
    if (row === 0) {
      prefer = 0
      const now = performance.now()
      if (idleSince < 0) idleSince = now
      if (now - idleSince > SPIN_MS) {
        check()
        Atomics.wait(progress, 0, seen, SLEEP_MS)
      }
      continue
    }
    idleSince = -1
    const from = k * CHUNK + 1
    change = Math.max(change, rows.sweepCells(row, from, Math.min(topB[row]!, from + CHUNK - 1)))
    Atomics.store(done, row, k + 1)
    Atomics.add(progress, 0, 1)
    Atomics.notify(progress, 0)
    onChunk()
    prefer = row
  }
}
