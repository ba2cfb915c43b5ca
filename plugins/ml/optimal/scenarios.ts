import type { LgpeEngine } from '../battle/engine.ts'
import { createPrng } from '../battle/prng.ts'
import type { LegalMoves } from '../solver/legal-moves.ts'
import { UNMODELLED_MOVES } from '../solver/use-move.ts'
import type { GameSideInput } from './setup.ts'

/** One 4-vs-4 battle to check: two forms with four distinct legal damaging moves each. */
export interface Scenario {
  readonly index: number
  readonly a: GameSideInput
  readonly b: GameSideInput
}

/**
 * Seeded random scenarios: two legal forms, each with 4 distinct damaging moves drawn from what it
 * can learn in Let's Go (a form with fewer is drawn again: every scenario is a real choice among 4
 * moves on both sides). Damaging moves are what the predictor proposes by
 * default; they bring the mechanics that make choices matter (priority, accuracy, recoil, drain,
 * charge and recharge turns, secondary statuses and stat drops, multi-hit, fixed damage).
 *
 * @example drawScenarios(engine, legal, 50, 1)[0].a.moves.length // 4
 */
export function drawScenarios(
  engine: LgpeEngine,
  legal: LegalMoves,
  count: number,
  seed: number,
): Scenario[] {
  const random = createPrng([seed & 0xffff, (seed >>> 16) & 0xffff, 0x0b, 0x71])
  const species = [...engine.legalSpecies].sort()
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const damaging = (form: string) =>
    legal
      .of(engine.dex.species.get(form).id)
      .filter((id) => engine.dex.moves.get(id).category !== 'Status' && !UNMODELLED_MOVES.has(id))
  const sideOf = (): GameSideInput => {
    for (;;) {
      const form = pick(species)
      const moves = damaging(form)
      if (moves.length < 4) continue
      const chosen = new Set<string>()
      while (chosen.size < 4) chosen.add(pick(moves))
      return { species: form, moves: [...chosen] }
    }
  }
  return Array.from({ length: count }, (_, index) => ({ index, a: sideOf(), b: sideOf() }))
}
