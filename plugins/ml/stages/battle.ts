import { z } from 'zod'
import { envList } from '../../../core/config.ts'
import { defineStage } from '../../../core/stages.ts'
import type { BattleService } from '../battle-service.ts'
import { seedInput } from './stage-inputs.ts'

const slug = z.string().regex(/^[a-z0-9-]+$/, 'use slugs like pikachu, thunderbolt')
const policy = z.enum(['best', 'random', 'fixed'])

/**
 * `ml:battle`: K seeded battles of one matchup on the engine, with a 95 % Wilson interval — the way
 * to check any prediction against the real game rules.
 *
 * @example
 * bun run stage ml:battle -- --a pikachu --b squirtle --moves-a thunderbolt,quick-attack --k 200
 */
export function createBattleStage(deps: { battles: BattleService }) {
  return defineStage({
    name: 'ml:battle',
    description: 'Simulate one matchup K times and report the win rate with its 95 % interval',
    inPipeline: false,
    input: z
      .object({
        a: slug,
        b: slug,
        movesA: envList(slug).optional(),
        movesB: envList(slug).optional(),
        policyA: policy.default('best'),
        policyB: policy.default('best'),
        k: z.coerce.number().int().min(1).max(100_000).default(200),
        seed: seedInput(1),
      })
      .strict(),
    async run(input) {
      const r = await deps.battles.evaluate(input)
      const pct = (x: number) => `${(100 * x).toFixed(1)} %`
      return [
        `${input.a} [${r.movesA.join(', ')}] (${input.policyA}) vs ${input.b} [${r.movesB.join(', ')}] (${input.policyB}), ${r.battles} battles, seed ${input.seed}`,
        `  ${input.a} wins ${pct(r.winRate)} (95 % CI ${pct(r.wilson95[0])} – ${pct(r.wilson95[1])}); losses ${r.losses}, draws ${r.draws}, turn-capped ${r.caps}; mean ${r.meanTurns.toFixed(1)} turns`,
        `  moves used by ${input.a}: ${JSON.stringify(r.usedA)}; by ${input.b}: ${JSON.stringify(r.usedB)}`,
      ].join('\n')
    },
  })
}
