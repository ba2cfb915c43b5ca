import { describe, expect, test } from 'bun:test'
import { type ChoiceGrid, LOST, type OptimalAnswer, UNREACHABLE } from './answer.ts'
import type { ScenarioCheck } from './verify.ts'
import { describeGain } from './verify-report.ts'

/** Pidgeotto (Fly, Quick Attack) against Poliwag, with this grid for A: Fly is the best single move. */
function checkOf(policyA: ChoiceGrid): ScenarioCheck {
  return {
    scenario: {
      a: { species: 'pidgeotto', moves: ['fly', 'quickattack'] },
      b: { species: 'poliwag', moves: ['watergun'] },
    },
    answer: {
      policyA,
      winA: 0.5,
      strategyA: [{ move: 'fly', probability: 1 }],
    } as unknown as OptimalAnswer,
    single: { moveA: 'fly', value: 0.4 },
    gain: 0.1,
  } as unknown as ScenarioCheck
}

describe('the gain of optimal play in words', () => {
  test('cells no battle reaches are neither a mix nor counted in the shares', () => {
    // 4 × 4 grid: row 4 is the start (full HP), row 3 out of reach; Fly everywhere but where the
    // foe has 1–2 HP (Quick Attack), and one mixed cell
    const text = describeGain(
      checkOf({
        hiA: 4,
        hiB: 4,
        runs: [
          [1, 1, 3, 0],
          [1, 1, 3, 0],
          [1, UNREACHABLE],
          [1, -1, 2, 0],
        ],
      }),
    )
    // 12 cells reached: Quick Attack on 4 of them, a mix on 1
    expect(text).toContain('quickattack when the foe has 1–2 HP and pidgeotto 1–2 HP (33.3 %')
    expect(text).toContain('a mix when the foe has 1–1 HP and pidgeotto 4–4 HP (8.3 %')
    expect(text).not.toMatch(/pidgeotto 3–3 HP/)
  })

  test('cells where A has lost whatever it plays name no move, but count as reached', () => {
    const text = describeGain(
      checkOf({
        hiA: 2,
        hiB: 4,
        runs: [
          [1, LOST],
          [1, 1, 3, 0],
        ],
      }),
    )
    // 8 cells reached, Quick Attack on 2 of them; the lost row is neither a move nor a mix
    expect(text).toContain('quickattack when the foe has 1–2 HP and pidgeotto 2–2 HP (25.0 %')
    expect(text).not.toContain('a mix')
  })
})
