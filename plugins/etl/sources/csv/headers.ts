/**
 * Which of the predecessor's three files a CSV is, told by its header row, never by its name
 * (users rename files; a header is what the content actually is).
 */
import { foldValue } from './values.ts'

export type CsvKind = 'pokemon' | 'moves' | 'typeChart'

/** The columns each kind must have, in the predecessor's order (any order is accepted). */
export const CSV_COLUMNS: Readonly<Record<CsvKind, readonly string[]>> = {
  pokemon: [
    'id',
    'nom_fr',
    'nom_eng',
    'nom_pokeapi',
    'nom_pokepedia',
    'num_pokedex',
    'type_1',
    'type_2',
    'alola',
    'mega',
    'starter',
  ],
  moves: ['nom_français', 'type', 'classe', 'description', 'puissance', 'précision', 'pp', 'type_degats'],
  typeChart: ['type_attaquant', 'type_defenseur', 'multiplicateur'],
}

export interface RecognisedHeader {
  kind: CsvKind
  /** Column name (as in `CSV_COLUMNS`) → field index. */
  columns: ReadonlyMap<string, number>
  /** Header cells that are not columns of this kind (ignored, reported). */
  extra: string[]
}

/** Header cell → comparison form: no case, accents, BOM or surrounding spaces. */
function foldHeader(cell: string): string {
  return foldValue(cell.replace(/^\uFEFF/, ''))
}

/**
 * Recognises a header row: the kind whose columns are all present (case and accents ignored).
 *
 * @example
 * recogniseHeader(['type_attaquant', 'type_defenseur', 'multiplicateur'])?.kind // 'typeChart'
 * recogniseHeader(['name', 'url']) // undefined
 */
export function recogniseHeader(cells: readonly string[]): RecognisedHeader | undefined {
  const folded = cells.map(foldHeader)
  for (const [kind, names] of Object.entries(CSV_COLUMNS) as [CsvKind, readonly string[]][]) {
    const columns = new Map(names.map((name) => [name, folded.indexOf(foldHeader(name))]))
    if ([...columns.values()].some((index) => index < 0)) continue
    const wanted = new Set(names.map(foldHeader))
    return { kind, columns, extra: cells.filter((_, i) => !wanted.has(folded[i]!)) }
  }
  return undefined
}
