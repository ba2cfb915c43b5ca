import type { FormRow, MoveRow, Roster } from '../../../core/contracts/pokedex.ts'
import type { FormData, MoveData, TypeChart } from './damage.ts'
import { DEFAULT_STAT_OPTIONS, lgpeStats } from './stats.ts'

/**
 * The roster indexed for battles and features: forms with level-50 stats, moves by slug, the
 * type chart as a map, and who can use what. Built once per stage run or per loaded model.
 */
export interface RosterIndex {
  forms: ReadonlyMap<string, FormRow & { data: FormData }>
  moves: ReadonlyMap<string, MoveRow & { data: MoveData }>
  chart: TypeChart
  /** Form slug → move slugs it can use (variable-power moves excluded: the engine cannot price them). */
  usable: ReadonlyMap<string, readonly string[]>
}

export function toMoveData(m: MoveRow): MoveData {
  return {
    slug: m.slug,
    type: m.type,
    category: m.category,
    power: m.power,
    accuracy: m.accuracy,
    priority: m.priority,
    critRatio: m.crit_ratio,
    alwaysCrit: m.always_crit,
    multiHitMin: m.multi_hit_min,
    multiHitMax: m.multi_hit_max,
    effectClass: m.effect_class,
  }
}

/**
 * Indexes a roster.
 *
 * @example
 * const index = indexRoster(await pokedex.roster())
 * index.forms.get('pikachu')?.data.stats.spe // 110
 */
export function indexRoster(roster: Roster): RosterIndex {
  const forms = new Map(
    roster.forms.map((f) => [
      f.slug,
      { ...f, data: { slug: f.slug, types: f.types, stats: lgpeStats(f, DEFAULT_STAT_OPTIONS) } },
    ]),
  )
  const moves = new Map(roster.moves.map((m) => [m.slug, { ...m, data: toMoveData(m) }]))
  const chart = new Map<string, Map<string, number>>()
  for (const [a, d, m] of roster.chart) {
    if (!chart.has(a)) chart.set(a, new Map())
    chart.get(a)!.set(d, m)
  }
  const usable = new Map(
    [...roster.learnable.entries()].map(([form, list]) => [
      form,
      list.filter((slug) => moves.get(slug)?.effect_class !== 'variable-power'),
    ]),
  )
  return { forms, moves, chart, usable }
}

/** The damaging moves a form can use. */
export function damagingMoves(index: RosterIndex, form: string): MoveData[] {
  return (index.usable.get(form) ?? [])
    .map((slug) => index.moves.get(slug)!.data)
    .filter((m) => m.category !== 'status')
}
