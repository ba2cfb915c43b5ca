/**
 * `/evolution-chain/{id}` → for each species, the species it evolves from and how.
 *
 * Why links to species outside Let's Go are dropped: PokéAPI's chains include the baby Pokémon
 * of later generations (Pichu → Pikachu, Cleffa → Clefairy…), which do not exist in LGPE; there
 * Pikachu is a first stage. Those links are reported so the choice is visible.
 *
 * Why the first evolution detail: later games add alternative methods after the original one
 * (Linking Cord after trade, Ice Stone for Alolan Ninetales after Fire Stone); the first entry is
 * the classic method, which is the one LGPE uses.
 */
import type { SpeciesRecord } from '../../model.ts'
import type { ChainLink, EvolutionChainJson, EvolutionDetail } from './schemas.ts'

export type Evolution = NonNullable<SpeciesRecord['evolution']>

export interface EvolutionLink {
  species: string
  evolvesFrom: string
  evolution: Evolution
}

/**
 * Maps one PokéAPI evolution detail to the model's trigger.
 *
 * @example
 * toEvolution({ trigger: { name: 'use-item', url: '' }, item: { name: 'thunder-stone', url: '' } })
 * // { trigger: 'stone', item: 'thunder-stone' }
 */
export function toEvolution(detail: EvolutionDetail | undefined): Evolution {
  if (detail === undefined) return { trigger: 'other', detail: 'no evolution details on PokéAPI' }
  const trigger = detail.trigger.name
  if (trigger === 'level-up') {
    if (detail.min_happiness !== null && detail.min_happiness !== undefined)
      return { trigger: 'friendship', detail: `happiness ≥ ${detail.min_happiness}` }
    if (detail.min_level !== null && detail.min_level !== undefined)
      return { trigger: 'level', level: detail.min_level }
    const condition = detail.known_move
      ? `knowing ${detail.known_move.name}`
      : detail.held_item
        ? `holding ${detail.held_item.name}`
        : detail.time_of_day
          ? `at ${detail.time_of_day}`
          : 'special condition'
    return { trigger: 'other', detail: `level-up ${condition}` }
  }
  if (trigger === 'use-item')
    return detail.item
      ? { trigger: 'stone', item: detail.item.name }
      : { trigger: 'other', detail: 'use-item' }
  if (trigger === 'trade')
    return detail.held_item
      ? { trigger: 'trade', detail: `holding ${detail.held_item.name}` }
      : { trigger: 'trade' }
  return { trigger: 'other', detail: trigger }
}

/**
 * Every parent → child link of a chain between species in `known`; links to other species are
 * returned in `outside` as `child ← parent` strings.
 *
 * @example
 * readEvolutionLinks(chain10, new Set(['pikachu', 'raichu'])).links
 * // [{ species: 'raichu', evolvesFrom: 'pikachu', evolution: { trigger: 'stone', item: 'thunder-stone' } }]
 */
export function readEvolutionLinks(
  json: EvolutionChainJson,
  known: ReadonlySet<string>,
): { links: EvolutionLink[]; outside: string[] } {
  const links: EvolutionLink[] = []
  const outside: string[] = []
  const walk = (link: ChainLink) => {
    for (const child of link.evolves_to) {
      const parent = link.species.name
      const name = child.species.name
      if (known.has(parent) && known.has(name))
        links.push({ species: name, evolvesFrom: parent, evolution: toEvolution(child.evolution_details[0]) })
      else if (known.has(name) || known.has(parent)) outside.push(`${name} ← ${parent}`)
      walk(child)
    }
  }
  walk(json.chain)
  return { links, outside }
}
