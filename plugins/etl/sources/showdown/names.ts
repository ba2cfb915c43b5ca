/**
 * English and French display names for species and battle forms.
 *
 * Why npm `pokemon` for species names in both languages: Showdown's names are ids in disguise
 * (`Nidoran-F`), while `pokemon` lists the printed names by national dex number (`Nidoran♀`,
 * `Bulbizarre`), so one source gives both languages consistently.
 *
 * Form names follow the games' own convention in each language:
 *
 * | form    | English              | French                |
 * | ------- | -------------------- | --------------------- |
 * | base    | `Raichu`             | `Raichu`              |
 * | alola   | `Alolan Raichu`      | `Raichu d'Alola`      |
 * | mega    | `Mega Charizard X`   | `Méga-Dracaufeu X`    |
 * | partner | `Partner Pikachu`    | `Pikachu Partenaire`  |
 */
import pokemon from 'pokemon'
import type { FormKind, Names } from '../../model.ts'

/** Species names by national dex number, or undefined when the list has no such number. */
export interface SpeciesNameBook {
  get(nationalDex: number): Names | undefined
}

/**
 * Reads the English and French species lists of npm `pokemon` once.
 *
 * @example
 * createSpeciesNameBook().get(6) // { en: 'Charizard', fr: 'Dracaufeu' }
 */
export function createSpeciesNameBook(): SpeciesNameBook {
  const english = pokemon.all('en')
  const french = pokemon.all('fr')
  return {
    get(nationalDex) {
      const en = english[nationalDex - 1]
      const fr = french[nationalDex - 1]
      return en === undefined || fr === undefined ? undefined : { en, fr }
    },
  }
}

/**
 * Builds a battle form's names from its species' names.
 *
 * @param megaLetter `'X'` or `'Y'` for the two-Mega species (Charizard, Mewtwo), else undefined.
 * @example
 * formNames({ en: 'Charizard', fr: 'Dracaufeu' }, 'mega', 'X') // { en: 'Mega Charizard X', fr: 'Méga-Dracaufeu X' }
 */
export function formNames(species: Names, kind: FormKind, megaLetter?: string): Names {
  const suffix = megaLetter ? ` ${megaLetter}` : ''
  switch (kind) {
    case 'base':
      return { ...species }
    case 'alola':
      return { en: `Alolan ${species.en}`, fr: `${species.fr} d'Alola` }
    case 'mega':
      return { en: `Mega ${species.en}${suffix}`, fr: `Méga-${species.fr}${suffix}` }
    case 'partner':
      return { en: `Partner ${species.en}`, fr: `${species.fr} Partenaire` }
  }
}
