/**
 * `/move/{slug}` → names, descriptions, type, category and the LGPE power/accuracy/PP.
 *
 * What PokéAPI cannot tell (critical-hit stage, multi-hit counts, drain, effect class, secondary
 * effect summary) is left undefined for the reconciler to take from Showdown. Priority is today's
 * value: `past_values` has no priority column, and PokéAPI's changelog records no priority change
 * after LGPE for any move. `/machine` is read separately for TM numbers.
 */
import type { MoveCategory, MoveRecord, Names } from '../../model.ts'
import { FieldError } from './loader.ts'
import { typeSlugOf } from './pokemon.ts'
import type { MoveJson } from './schemas.ts'
import { cleanGameText, namesOf } from './species.ts'
import { isAfterLgpe, isLgpeVersionGroup, lgpeValue, resourceIdOf } from './version-groups.ts'

const CATEGORIES: readonly string[] = ['physical', 'special', 'status'] satisfies MoveCategory[]

/**
 * Per language, the LGPE flavour text, else the most recent one (highest version group that is
 * not older than LGPE), cleaned to one line.
 */
function descriptionsOf(json: MoveJson): Names {
  const pick = (language: string) => {
    const texts = json.flavor_text_entries.filter((entry) => entry.language.name === language)
    const lgpe = texts.find((entry) => isLgpeVersionGroup(entry.version_group))
    if (lgpe) return cleanGameText(lgpe.flavor_text)
    const rank = (entry: (typeof texts)[number]) => {
      const id = resourceIdOf(entry.version_group.url) ?? 0
      return isAfterLgpe(id) || id <= 19 ? id : -1
    }
    const latest = texts.reduce<(typeof texts)[number] | undefined>(
      (best, entry) => (best === undefined || rank(entry) > rank(best) ? entry : best),
      undefined,
    )
    return latest ? cleanGameText(latest.flavor_text) : undefined
  }
  const en = pick('en')
  const fr = pick('fr')
  return { ...(en ? { en } : {}), ...(fr ? { fr } : {}) }
}

/** The record PokéAPI knows for one move; fields it cannot know are left out on purpose. */
export type PokeApiMoveRecord = Pick<
  MoveRecord,
  'slug' | 'num' | 'names' | 'type' | 'category' | 'power' | 'accuracy' | 'pp' | 'priority' | 'descriptions'
>

/**
 * Builds the move as it was in LGPE.
 *
 * @example
 * toMoveRecord(zippyZapJson, 'zippy-zap') // { power: 50, pp: 15, priority: 2, … } (80 / 10 today)
 */
export function toMoveRecord(json: MoveJson, slug: string): PokeApiMoveRecord {
  const past = json.past_values
  const typeName = lgpeValue(json.type.name, past, (entry) => entry.type?.name)
  const category = json.damage_class.name
  if (!CATEGORIES.includes(category))
    throw new FieldError('damage_class.name', `unknown category "${category}"`)
  const pp = lgpeValue(json.pp, past, (entry) => entry.pp)
  if (pp === null) throw new FieldError('pp', 'no PP value')
  return {
    slug,
    num: json.id,
    names: namesOf(json.names),
    type: typeSlugOf(typeName, 'type.name'),
    category: category as MoveCategory,
    power: lgpeValue(json.power, past, (entry) => entry.power),
    accuracy: lgpeValue(json.accuracy, past, (entry) => entry.accuracy),
    pp,
    priority: json.priority,
    descriptions: descriptionsOf(json),
  }
}

/** The id of the `/machine` that teaches this move in LGPE, if any. */
export function lgpeMachineIdOf(json: MoveJson): number | undefined {
  const machine = json.machines.find((entry) => isLgpeVersionGroup(entry.version_group))
  return machine ? resourceIdOf(machine.machine.url) : undefined
}

/**
 * The TM number of a machine item (`tm36` → 36); undefined for HMs, TRs and anything else.
 *
 * @example
 * tmNumberOf('tm36') // 36
 */
export function tmNumberOf(itemName: string): number | undefined {
  const number = itemName.match(/^tm(\d+)$/)?.[1]
  return number === undefined ? undefined : Number(number)
}
