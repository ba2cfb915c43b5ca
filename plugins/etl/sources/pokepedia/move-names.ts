/**
 * French move name → move slug, tolerant of the ways one name is typed.
 *
 * Why a folded key: Poképédia, PokéAPI and the predecessor's CSV spell the same move with different
 * typography (`Cage-Éclair` / `Cage Éclair`, `Bomb’Œuf` / `Bomb'Œuf`, non-breaking spaces, case).
 * Folding case, accents, ligatures and every separator away leaves letters and digits only, and no
 * two Let's Go moves share such a key, so the fold loses nothing (a clash is reported, not guessed).
 */
import type { Extract } from '../../model.ts'

/**
 * Spellings that Poképédia's generation-7 pages use and that today's names (PokéAPI, games after
 * generation 7) may not: older or abbreviated in-game names, found in the French wiki's own
 * bot alias list. Only consulted for slugs the base extract knows, and after every other source.
 */
const GEN7_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  absorb: ['Vol-Vie'],
  'dragon-pulse': ['Dracochoc'],
  'egg-bomb': ['Bomb’Œuf'],
  'fire-punch': ['Poing de Feu'],
  'fire-spin': ['Danse Flamme', 'Danseflamme'],
  'ice-punch': ['Poing-Glace'],
  'karate-chop': ['Poing-Karaté'],
  'petal-dance': ['Danse-Fleur'],
  'sludge-bomb': ['Bomb-Beurk'],
  'sonic-boom': ['Sonicboom'],
  'swords-dance': ['Danse-Lames'],
  'thunder-punch': ['Poing-Éclair'],
  'thunder-wave': ['Cage-Éclair'],
  twineedle: ['Double-Dard'],
  'wing-attack': ['Cru-Aile'],
  'x-scissor': ['Plaie-Croix'],
}

/**
 * Folds a French name to its comparison key: no case, accents, ligatures, apostrophes, hyphens,
 * spaces (incl. non-breaking) or dots.
 *
 * @example
 * foldFrenchName('Bomb’Œuf')      // 'bomboeuf'
 * foldFrenchName("bomb'oeuf")     // 'bomboeuf'
 * foldFrenchName('Cage\u00a0Éclair') // 'cageeclair'
 */
export function foldFrenchName(name: string): string {
  return name
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

/** Looks French move names up; `size` is how many distinct names it knows. */
export interface FrenchMoveIndex {
  lookup(frenchName: string): string | undefined
  readonly size: number
}

/**
 * Builds the index from, in precedence order: `moveNamesFr` (e.g. PokéAPI's French names), the
 * base extract's `names.fr`, then the built-in generation-7 spellings. A folded name claimed by
 * two different slugs keeps the first and adds a warning.
 *
 * @example
 * const index = createFrenchMoveIndex({ moveNamesFr: new Map([['Vive-Attaque', 'quick-attack']]) }, [])
 * index.lookup('vive attaque') // 'quick-attack'
 */
export function createFrenchMoveIndex(
  sources: { moveNamesFr?: ReadonlyMap<string, string> | undefined; base?: Extract | undefined },
  warnings: string[],
): FrenchMoveIndex {
  const slugByKey = new Map<string, string>()
  const add = (name: string, slug: string) => {
    const key = foldFrenchName(name)
    if (key === '') return
    const known = slugByKey.get(key)
    if (known === undefined) slugByKey.set(key, slug)
    else if (known !== slug)
      warnings.push(`move names: "${name}" names both ${known} and ${slug}; kept ${known}`)
  }
  for (const [name, slug] of sources.moveNamesFr ?? []) add(name, slug)
  for (const move of sources.base?.moves ?? []) if (move.names.fr) add(move.names.fr, move.slug)
  const baseSlugs = sources.base?.moves ? new Set(sources.base.moves.map((move) => move.slug)) : undefined
  // Built-in spellings only fill gaps: a name another source already claimed is left alone.
  for (const [slug, names] of Object.entries(GEN7_SPELLINGS)) {
    if (baseSlugs && !baseSlugs.has(slug)) continue
    for (const name of names)
      if (!slugByKey.has(foldFrenchName(name))) slugByKey.set(foldFrenchName(name), slug)
  }
  return {
    lookup: (frenchName) => slugByKey.get(foldFrenchName(frenchName)),
    get size() {
      return slugByKey.size
    },
  }
}

/**
 * Whether a real source of French move names was given (`moveNamesFr`, or `names.fr` in the base
 * moves). The built-in spellings alone cover 16 moves, far too few to read a learnset, so callers
 * stop early with one warning instead of rejecting thousands of rows.
 *
 * @example
 * hasFrenchMoveNames({ moveNamesFr: new Map([['Charge', 'tackle']]) }) // true
 */
export function hasFrenchMoveNames(sources: {
  moveNamesFr?: ReadonlyMap<string, string> | undefined
  base?: Extract | undefined
}): boolean {
  return (
    (sources.moveNamesFr?.size ?? 0) > 0 || (sources.base?.moves ?? []).some((move) => Boolean(move.names.fr))
  )
}
