/**
 * The 153 Let's Go species (Kanto 151 + Meltan + Melmetal) with their evolution.
 *
 * Evolutions are the dex's `prevo`/`evoType`/`evoLevel`/`evoItem`/`evoCondition` after the Let's Go
 * mod, which cuts the later-generation links (no Pichu, Cleffa, Crobat, Kingdra…). The methods
 * themselves are the main-series ones Showdown records; for Kanto they match Let's Go (levels,
 * stones and trades), which is good enough for display and for copying pre-evolution learnsets.
 */
import type { Species } from '@pkmn/dex'
import type { EvolutionTrigger, SpeciesRecord } from '../../model.ts'
import { type Findings, rejectRow } from './findings.ts'
import type { LgpeData } from './lgpe-dex.ts'
import type { SpeciesNameBook } from './names.ts'
import { toSlug } from './slugs.ts'

type Evolution = NonNullable<SpeciesRecord['evolution']>

/**
 * Maps Showdown's evolution fields to the model's trigger/level/item/detail.
 *
 * `useItem` with a "… Stone" item is a stone evolution; `levelFriendship` is friendship; held
 * items, known moves and special conditions are `other` with a readable `detail`. Items are
 * PokéAPI-style slugs (`thunder-stone`).
 *
 * @example
 * toEvolution(dex.species.get('raichu')) // { trigger: 'stone', item: 'thunder-stone' }
 * toEvolution(dex.species.get('ivysaur')) // { trigger: 'level', level: 16 }
 */
export function toEvolution(species: Species): Evolution {
  const item = species.evoItem ? toSlug(species.evoItem) : undefined
  const condition = species.evoCondition
  let trigger: EvolutionTrigger
  let detail: string | undefined
  switch (species.evoType) {
    case undefined:
      trigger = 'level'
      break
    case 'useItem':
      trigger = species.evoItem?.endsWith(' Stone') ? 'stone' : 'other'
      if (trigger === 'other') detail = `use ${species.evoItem}`
      break
    case 'trade':
      trigger = 'trade'
      break
    case 'levelFriendship':
      trigger = 'friendship'
      break
    case 'levelHold':
      trigger = 'other'
      detail = `level up holding ${species.evoItem}`
      break
    case 'levelMove':
      trigger = 'other'
      detail = `level up knowing ${species.evoMove}`
      break
    default:
      trigger = 'other'
      detail = species.evoType
  }
  const details = [detail, condition].filter((part): part is string => Boolean(part))
  return {
    trigger,
    ...(species.evoLevel !== undefined ? { level: species.evoLevel } : {}),
    ...(item ? { item } : {}),
    ...(details.length > 0 ? { detail: details.join(', ') } : {}),
  }
}

/**
 * Extracts the base species among the legal forms (Megas, Alolan and partner forms excluded).
 *
 * @example
 * extractSpecies(loadLgpeData(), createSpeciesNameBook(), { rejects: [], warnings: [] }).find((s) => s.slug === 'melmetal')?.nationalDex // 809
 */
export function extractSpecies(data: LgpeData, names: SpeciesNameBook, findings: Findings): SpeciesRecord[] {
  const legal = new Set(data.legalIds)
  const records: SpeciesRecord[] = []
  for (const id of data.legalIds) {
    const species = data.dex.species.get(id)
    if (species.forme !== '' || species.isMega) continue
    const speciesNames = names.get(species.num)
    if (speciesNames === undefined) {
      rejectRow(
        findings,
        `species.${id}`,
        String(species.num),
        'no name for this national dex number in npm pokemon',
      )
      continue
    }
    const record: SpeciesRecord = {
      slug: toSlug(species.name),
      nationalDex: species.num,
      names: speciesNames,
    }
    const prevo = species.prevo ? data.dex.species.get(species.prevo) : undefined
    if (prevo && legal.has(prevo.id)) {
      record.evolvesFrom = toSlug(prevo.name)
      record.evolution = toEvolution(species)
    } else if (prevo) {
      findings.warnings.push(
        `species.${id}: pre-evolution ${prevo.id} is not a Let's Go form; evolution dropped`,
      )
    }
    records.push(record)
  }
  return records
}
