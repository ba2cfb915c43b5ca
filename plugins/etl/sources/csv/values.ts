/**
 * The predecessor's CSV vocabulary (French types, move classes, `type_degats`, flags, numbers)
 * → the intermediate model's values. Every reader returns `undefined` for a value it does not
 * know, so the caller can reject the row with the value in the reason.
 */
import {
  EFFECT_CLASSES,
  type EffectClass,
  type MoveCategory,
  TYPE_SLUGS,
  type TypeSlug,
} from '../../model.ts'

/** Folds case, accents and surrounding spaces: `Électrik`, `electrik`, ` ÉLECTRIK ` are one value. */
export function foldValue(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
}

/** French type names as printed in the games and in the predecessor's files. */
const FRENCH_TYPES: Readonly<Record<string, TypeSlug>> = {
  normal: 'normal',
  feu: 'fire',
  eau: 'water',
  electrik: 'electric',
  plante: 'grass',
  glace: 'ice',
  combat: 'fighting',
  poison: 'poison',
  sol: 'ground',
  vol: 'flying',
  psy: 'psychic',
  insecte: 'bug',
  roche: 'rock',
  spectre: 'ghost',
  dragon: 'dragon',
  tenebres: 'dark',
  acier: 'steel',
  fee: 'fairy',
}

/**
 * A French type name in any case, with or without accents (an English slug is accepted too).
 *
 * @example
 * toTypeSlug('Électrik') // 'electric'
 * toTypeSlug('tenebres') // 'dark'
 * toTypeSlug('Lumière')  // undefined
 */
export function toTypeSlug(value: string): TypeSlug | undefined {
  const folded = foldValue(value)
  if (FRENCH_TYPES[folded]) return FRENCH_TYPES[folded]
  return (TYPE_SLUGS as readonly string[]).includes(folded) ? (folded as TypeSlug) : undefined
}

const CATEGORIES: Readonly<Record<string, MoveCategory>> = {
  physique: 'physical',
  special: 'special',
  autre: 'status',
  statut: 'status',
}

/**
 * `classe` → category: physique / spécial / autre (also `statut`).
 *
 * @example
 * toCategory('Spécial') // 'special'
 */
export function toCategory(value: string): MoveCategory | undefined {
  return CATEGORIES[foldValue(value)]
}

/**
 * `type_degats` → `EffectClass`. The predecessor's classes are coarser in places and finer in
 * others; each maps to the model class that describes the same behaviour:
 *
 * | type_degats                       | effectClass    | moves it was used for               |
 * | --------------------------------- | -------------- | ----------------------------------- |
 * | offensif                          | damage         | plain damaging moves                |
 * | double_degats                     | damage         | power doubles on a condition        |
 * | attk_adversaire                   | damage         | Foul Play: fixed power, foe's Atk   |
 * | statut                            | other          | status moves (CSV has no finer kind)|
 * | inutile                           | other          | Splash, Celebrate                   |
 * | multi_coups                       | multi-hit      | Double Kick, Pin Missile            |
 * | deux_tours                        | two-turn       | Solar Beam, Fly, Dig                |
 * | prioritaire                       | priority       | Quick Attack                        |
 * | prioritaire_conditionnel          | priority       | Sucker Punch                        |
 * | prioritaire_critique              | priority       | Zippy Zap (+2, always crits)        |
 * | prioritaire_deux                  | priority       | priority +2                         |
 * | protection_change_plusieur        | protect        | Protect (fails more when repeated)  |
 * | fixe_niveau                       | fixed-damage   | Seismic Toss, Night Shade           |
 * | fixe_degat_20                     | fixed-damage   | Sonic Boom                          |
 * | fixe_degat_40                     | fixed-damage   | Dragon Rage                         |
 * | fixe_moitie_degats                | fixed-damage   | Super Fang                          |
 * | degat_aleatoire                   | fixed-damage   | Psywave (as the Showdown source)    |
 * | ko_en_un_coup                     | ohko           | Fissure, Guillotine, Horn Drill     |
 * | variable_degats_poids             | weight-based   | Low Kick                            |
 * | sommeil_requis                    | drain          | Dream Eater (drains; needs sleep)   |
 * | soin                              | healing        | Recover, Rest                       |
 * | renvoi_degat_double_physique      | counter        | Counter                             |
 * | renvoi_degat_double_special       | counter        | Mirror Coat                         |
 * | renvoi_degat_double_deux_tours    | counter        | Bide                                |
 *
 * A value that is already a model class (`two-turn`) is accepted as is.
 */
export const EFFECT_CLASS_BY_TYPE_DEGATS: Readonly<Record<string, EffectClass>> = {
  offensif: 'damage',
  double_degats: 'damage',
  attk_adversaire: 'damage',
  statut: 'other',
  inutile: 'other',
  multi_coups: 'multi-hit',
  deux_tours: 'two-turn',
  prioritaire: 'priority',
  prioritaire_conditionnel: 'priority',
  prioritaire_critique: 'priority',
  prioritaire_deux: 'priority',
  protection_change_plusieur: 'protect',
  fixe_niveau: 'fixed-damage',
  fixe_degat_20: 'fixed-damage',
  fixe_degat_40: 'fixed-damage',
  fixe_moitie_degats: 'fixed-damage',
  degat_aleatoire: 'fixed-damage',
  ko_en_un_coup: 'ohko',
  variable_degats_poids: 'weight-based',
  sommeil_requis: 'drain',
  soin: 'healing',
  renvoi_degat_double_physique: 'counter',
  renvoi_degat_double_special: 'counter',
  renvoi_degat_double_deux_tours: 'counter',
}

/**
 * @example
 * toEffectClass('ko_en_un_coup') // 'ohko'
 */
export function toEffectClass(value: string): EffectClass | undefined {
  const folded = foldValue(value)
  if (EFFECT_CLASS_BY_TYPE_DEGATS[folded]) return EFFECT_CLASS_BY_TYPE_DEGATS[folded]
  return (EFFECT_CLASSES as readonly string[]).includes(folded) ? (folded as EffectClass) : undefined
}

/**
 * A flag column: `1` = yes, empty or `0` = no, anything else unknown.
 *
 * @example
 * toFlag(' 1 ') // true
 * toFlag('oui') // undefined
 */
export function toFlag(value: string): boolean | undefined {
  const trimmed = value.trim()
  if (trimmed === '1') return true
  if (trimmed === '' || trimmed === '0') return false
  return undefined
}

/**
 * A whole number in `[min, max]`; empty (or `-`, `—`) → null when `optional`, else undefined.
 *
 * @example
 * toWholeNumber('', { min: 0, max: 250, optional: true }) // null
 * toWholeNumber('4O', { min: 0, max: 250 })               // undefined
 */
export function toWholeNumber(
  value: string,
  range: { min: number; max: number; optional?: boolean },
): number | null | undefined {
  const trimmed = value.trim()
  if (/^[-—–]?$/.test(trimmed)) return range.optional ? null : undefined
  if (!/^\d+$/.test(trimmed)) return undefined
  const number = Number(trimmed)
  return number >= range.min && number <= range.max ? number : undefined
}

/**
 * A type-chart multiplier: 0, 0.5, 1 or 2, written with a dot or a French comma.
 *
 * @example
 * toMultiplier('0,5') // 0.5
 * toMultiplier('4')   // undefined
 */
export function toMultiplier(value: string): 0 | 0.5 | 1 | 2 | undefined {
  const trimmed = value.trim().replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined
  const number = Number(trimmed)
  return number === 0 || number === 0.5 || number === 1 || number === 2 ? number : undefined
}
