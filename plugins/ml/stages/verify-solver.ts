import { writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { KernelError } from '../../../core/errors.ts'
import { createProgress } from '../../../core/progress.ts'
import { defineStage } from '../../../core/stages.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { createSolver } from '../solver/index.ts'
import { verifySolver } from '../solver/verify.ts'
import { renderVerification } from '../solver/verify-report.ts'
import { battlesInput, reportInput, seedInput } from './stage-inputs.ts'

/**
 * `ml:verify-solver`: plays the real engine against the exact solver on seeded random pairs (half
 * damaging, half any learnable move, every exact move at least once when there are enough pairs)
 * and fails unless ≥ 99 % of pairs agree within 4 standard errors.
 *
 * @example
 * bun run stage ml:verify-solver -- --pairs 300 --battles 1000 --report docs/solver-verification.md
 */
export function createVerifySolverStage(deps: { workers: number }) {
  return defineStage({
    name: 'ml:verify-solver',
    description: 'Check the exact solver against engine battles on seeded random pairs',
    inPipeline: false,
    input: z
      .object({
        pairs: z.coerce.number().int().min(1).max(5000).default(300),
        battles: battlesInput(1000),
        seed: seedInput(1),
        workers: z.coerce.number().int().min(0).max(16).default(deps.workers),
        report: reportInput,
        requireCoverage: z.coerce.boolean().default(false),
      })
      .strict(),
    async run(input, runtime) {
      const engine = createLgpeEngine()
      const solver = createSolver(engine)
      const progress = createProgress({
        label: 'pairs',
        total: input.pairs,
        log: runtime.log,
        tty: runtime.tty,
      })
      const report = await verifySolver(engine, solver, {
        ...input,
        onProgress: (done, total) => progress.update(done, total),
      })
      progress.done(`${report.checks.length} pairs, ${report.checks.length * input.battles} battles`)
      const text = renderVerification(report, input)
      if (input.report) await writeFile(input.report, text)
      const rate = report.passed / Math.max(1, report.exactPairs)
      const summary = [
        `exact pairs ${report.exactPairs} (+${report.sampledPairs} answered by the engine): ${report.passed} agree within 4 SE (${(100 * rate).toFixed(1)} %)`,
        `mean |P_exact − P_engine| ${report.meanAbsError.toFixed(4)}, max ${report.maxAbsError.toFixed(4)} (${input.battles} battles a pair)`,
        `exact moves not exercised: ${describeUncovered(report.uncoveredExactMoves)}`,
        ...report.checks
          .filter((c) => !c.pass)
          .map(
            (c) =>
              `  DISAGREES ${c.pair.a} ${c.pair.moveA} vs ${c.pair.b} ${c.pair.moveB}: exact ${c.exact?.winA.toFixed(4)} engine ${(c.engine.wins / c.engine.battles).toFixed(4)}`,
          ),
      ].join('\n')
      if (rate < 0.99)
        throw new KernelError(
          'SOLVER_DISAGREES',
          `the solver disagrees with the engine on too many pairs\n${summary}`,
        )
      if (input.requireCoverage && report.uncoveredExactMoves.length > 0) {
        throw new KernelError('SOLVER_COVERAGE', `exact moves not exercised by any pair\n${summary}`)
      }
      return summary
    },
  })
}

function describeUncovered(moves: readonly string[]): string {
  if (moves.length === 0) return 'none'
  return moves.length <= 20 ? moves.join(', ') : `${moves.length} (run more pairs to cover every move)`
}
