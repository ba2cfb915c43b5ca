/** Choices of a sweep team (see `SweepTeam`). */
export interface SweepTeamOptions {
  /** Smallest game (states × HP pairs) swept by two threads: below it, the hand-over costs more. */
  readonly minCells: number
  /**
   * The share of its working time each thread of a shared sweep must have had a core (its CPU time
   * over its wall time, sleeps waiting for the other thread left out); below it the machine's
   * other core is busy, and the next `restSolves` solves go alone. Not judged while the helper
   * thread is still starting (it then joins late whatever the load).
   *
   * Why per thread: the two threads' CPU over the sweep's wall time also drops when the helper
   * waits for the leader's chunks (a small game, its last rows) — on a quiet machine that sent a
   * third of the solves alone. A thread that runs but gets a core only part of the time is what
   * a busy core looks like. But the runtime's own threads (compiling the helper's code, collecting
   * garbage) take their share too: on a quiet machine a warm team's shares have a median of 0.8
   * and fall to 0.36, a cold helper's to 0.25. So the judge waits for `warmUp` shared sweeps and
   * for `lowInARow` low shares in a row; a wrong call is cheap the other way round (a team on a
   * busy machine is never much slower than one thread: see `sweepSharedChunks`). With 0.5 and two
   * in a row, a quiet bench (2026-12-03, 2-core VM) still found 26 of 97 shares below 0.5 and sent
   * 16–20 % of its solves alone: the median of two-thread solves was 4.4–4.7 % slower than with
   * 0.35 and three in a row, which sent none alone (one process, both judges alternating per game).
   */
  readonly minShare: number
  readonly restSolves: number
  /** Shared sweeps before the first judgement (the helper's code is compiled meanwhile). */
  readonly warmUp: number
  /** Shared sweeps in a row with a share below `minShare` that send the next solves alone. */
  readonly lowInARow: number
}

export const DEFAULT_TEAM_OPTIONS: SweepTeamOptions = {
  minCells: 200_000,
  minShare: 0.35,
  restSolves: 8,
  warmUp: 8,
  lowInARow: 3,
}

/**
 * The smaller of the two threads' CPU time over their working time (µs). A helper that never got
 * to work (its thread had no core for the whole sweep) counts as 0 when there was time for it to.
 */
export function threadShares(
  leaderCpu: number,
  leaderActive: number,
  helperCpu: number,
  helperActive: number,
) {
  const leader = leaderActive > 0 ? Math.min(1, leaderCpu / leaderActive) : 1
  const helper =
    helperActive > 0 ? Math.min(1, helperCpu / helperActive) : leaderActive > HELPER_GRACE_US ? 0 : 1
  return Math.min(leader, helper)
}

/** A sweep shorter than this may end before a healthy helper starts its job (µs). */
const HELPER_GRACE_US = 20_000

/** Whether the other core looks busy (see `SweepTeamOptions.minShare`): when to sweep alone. */
export interface BusyJudge {
  /** True when this solve should go alone (it counts as one of the resting solves). */
  rest(): boolean
  /**
   * A shared sweep's smaller thread share; `judged` false when the helper was still starting (its
   * share then says nothing of the other core).
   */
  record(share: number, judged: boolean): void
}

/** @example const judge = createBusyJudge(DEFAULT_TEAM_OPTIONS); if (!judge.rest()) … judge.record(share, true) */
export function createBusyJudge(options: SweepTeamOptions): BusyJudge {
  let resting = 0
  // shared sweeps recorded, and those in a row that found a thread short of a core
  let recorded = 0
  let low = 0
  return {
    rest() {
      if (resting === 0) return false
      resting--
      return true
    },
    record(share, judged) {
      recorded++
      low = share < options.minShare ? low + 1 : 0
      if (judged && recorded > options.warmUp && low >= options.lowInARow) {
        resting = options.restSolves
        low = 0
      }
    },
  }
}
