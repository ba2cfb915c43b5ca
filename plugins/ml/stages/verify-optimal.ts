import { writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { z } from 'zod'
import { KernelError } from '../../../core/errors.ts'
import { createProgress } from '../../../core/progress.ts'
import { defineStage } from '../../../core/stages.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { verifyOptimal } from '../optimal/verify.ts'
import { renderOptimalVerification, summarize } from '../optimal/verify-report.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createSolver } from '../solver/index.ts'
import { battlesInput, reportInput, seedInput } from './stage-inputs.ts'

/**
 * `ml:verify-optimal`: the acceptance of optimal play on seeded random 4-vs-4 scenarios — the
 * engine with both sides playing the solver's strategy agrees with the value within 4 SE in ≥ 98 %
 * of scenarios, no best response beats the value by more than 1e-6, and A's strategy wins at least
 * the value against B's best fixed move, `random` and `best`; the gain over the best fixed move is
 * reported. Heavy (minutes): run it niced, in the background.
 *
 * @example
 * bun run stage ml:verify-optimal -- --scenarios 50 --battles 2000 --report docs/optimal-verification.md
 */
export function createVerifyOptimalStage() {
  return defineStage({
    name: 'ml:verify-optimal',
    description: 'Check optimal play against engine battles and best responses on seeded 4-vs-4 scenarios',
    inPipeline: false,
    input: z
      .object({
        scenarios: z.coerce.number().int().min(1).max(1000).default(50),
        battles: battlesInput(2000),
        seed: seedInput(1),
        contested: z.coerce.number().min(0).max(0.5).default(0.02),
        report: reportInput,
      })
      .strict(),
    async run(input, runtime) {
      const load = () =>
        loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')
      const started = new Date()
      const loadBefore = load()
      const engine = createLgpeEngine()
      const factory = createBattlerFactory(engine)
      const progress = createProgress({
        label: 'scenarios',
        total: input.scenarios,
        log: runtime.log,
        tty: runtime.tty,
      })
      const report = verifyOptimal(engine, factory, createSolver(engine, factory), {
        ...input,
        onProgress: (done, total) => progress.update(done, total),
      })
      progress.done(`${report.checks.length} scenarios, ${report.battles} battles`)
      const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(0)
      const context = [
        `Run: ${started.toISOString()}, ${minutes} min on ${cpus().length} × ${cpus()[0]?.model} (one thread); load average ${loadBefore} before, ${load()} after (a shared machine).`,
      ]
      if (input.report) await writeFile(input.report, renderOptimalVerification(report, input, context))
      const summary = summarize(report)
      const text = summary.lines.join('\n')
      const failed =
        summary.agreeRate < 0.98 ||
        summary.unexploitable < summary.scenarios ||
        summary.againstPass < summary.againstTotal
      if (failed) throw new KernelError('OPTIMAL_DISAGREES', `optimal play failed its acceptance\n${text}`)
      return text
    },
  })
}
