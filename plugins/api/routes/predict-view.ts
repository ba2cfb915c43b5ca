import type { DamageView, PairOutcome } from '../../../core/contracts/advisor.ts'

function damageJson(d: DamageView) {
  return {
    no_damage: d.noDamage,
    min_percent: d.minPercent,
    max_percent: d.maxPercent,
    crit_min_percent: d.critMinPercent,
    crit_max_percent: d.critMaxPercent,
    crit_chance: d.critChance,
    accuracy: d.accuracy,
    ko_chances: d.koChances,
    wording: d.wording,
  }
}

/** A pair's answer in the API's snake_case shape (`PairOutcome` in the OpenAPI document). */
export function outcomeJson(o: PairOutcome) {
  return {
    win_probability: o.winProbability,
    loss_probability: o.lossProbability,
    draw_probability: o.drawProbability,
    method: o.method,
    ...(o.note ? { note: o.note } : {}),
    ...(o.exact
      ? {
          exact: {
            unresolved: o.exact.unresolved,
            expected_turns: o.exact.expectedTurns,
            length_distribution: o.exact.lengthDistribution,
            damage: { a: damageJson(o.exact.damage.a), b: damageJson(o.exact.damage.b) },
          },
        }
      : {}),
    ...(o.sampled ? { sampled: o.sampled } : {}),
  }
}
