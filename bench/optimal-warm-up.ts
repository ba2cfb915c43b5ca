import type { LgpeEngine } from '../plugins/ml/battle/engine.ts'
import { OptimalLimitError } from '../plugins/ml/optimal/errors.ts'
import { drawScenarios } from '../plugins/ml/optimal/scenarios.ts'
import { DEFAULT_LIMITS, solveGame } from '../plugins/ml/optimal/solve.ts'
import type { SweepTeam } from '../plugins/ml/optimal/sweep-team.ts'
import { type BattlerFactory, createBattlerFactory, formReader } from '../plugins/ml/solver/battler.ts'
import type { BufferStore } from '../plugins/ml/solver/grid.ts'
import { UnsupportedMechanic } from '../plugins/ml/solver/unsupported.ts'

/** Solves before the measured ones, in a served process's state (see `warmUpOptimalPlay`). */
export const DEFAULT_WARM_UP = 200

/** Not the measured scenarios' seed: the warm-up's matchups are other ones. */
const WARM_UP_SEED = 4_242_001

/**
 * Solves `solves` seeded 4-vs-4 matchups that are not the measured ones, with a battler factory of
 * their own, and forgets them; returns the seconds it took.
 *
 * Why: the engine compiles a function to its fastest code only after many calls, in background
 * threads. A solve calls most of its functions once (the set-up of its tables), so after three
 * solves the process is still compiling: ≈ 10 ms of compiler CPU per solve after 20 solves, on the
 * core the sweep's second thread wants (measured with the engine's compile report, see
 * docs/benchmarks.md). A served process has answered many requests: that is the state the target is
 * about. Nothing of the warm-up's answers is kept: the measured matchups are new (own factory);
 * only the compiled code and the reused buffers remain, and — as a served worker reads them while
 * idle after its first job (`formReader`, see `createOptimalHandler`) — every form's stats, read
 * into `served` (the measured solves' factory) when given.
 *
 * @example warmUpOptimalPlay(engine, store, team, DEFAULT_WARM_UP, tools.factory)
 */
export function warmUpOptimalPlay(
  engine: LgpeEngine,
  store: BufferStore,
  team: SweepTeam | undefined,
  solves: number,
  served?: BattlerFactory,
): number {
  const started = performance.now()
  const factory = createBattlerFactory(engine)
  for (const scenario of drawScenarios(engine, factory.legal, solves, WARM_UP_SEED)) {
    try {
      solveGame(engine, factory, store, { a: scenario.a, b: scenario.b }, DEFAULT_LIMITS, team).release()
    } catch (error) {
      // refused matchups (over a budget, a mechanic not modelled) warm up what they ran
      if (!(error instanceof OptimalLimitError || error instanceof UnsupportedMechanic)) throw error
    }
  }
  if (served && solves > 0) {
    const reader = formReader(engine, served)
    while (!reader.step(Number.POSITIVE_INFINITY));
  }
  return (performance.now() - started) / 1000
}
