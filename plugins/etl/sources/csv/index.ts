/**
 * The `csv` source: the predecessor's three files (Pokémon list, Let's Go moves, type chart),
 * which users may still bring, read from a folder and recognised by their header row.
 *
 * Nothing is lost silently: every malformed row (wrong field count, unknown type, non-numeric
 * power, a multiplier outside {0, 0.5, 1, 2}, a move name without a slug…) becomes a `Reject`
 * with `<file>:<line>`, the raw line and the reason, and the other rows load; a file whose header
 * is not one of the three gets a warning naming it.
 *
 * Move names are French only. They are matched to slugs through `moveNamesFr` (e.g. PokéAPI's
 * French names), the base extract's `names.fr` and a few built-in spellings. An unmatched move is
 * rejected, not kept under a made-up slug: such a record could never merge with the other
 * sources, would add a 227th move to the database, and would need an invented priority.
 */

import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KernelError } from '../../../../core/errors.ts'
import type { Extract, MoveRecord, PokemonRecord, Reject, SpeciesRecord, TypeChartCell } from '../../model.ts'
import { createFrenchMoveIndex, hasFrenchMoveNames } from '../pokepedia/move-names.ts'
import { decodeCsvBytes } from './decode.ts'
import { CSV_COLUMNS, type CsvKind, recogniseHeader } from './headers.ts'
import { parseCsv } from './rfc4180.ts'
import { type Get, type RowResult, readMoveRow, readPokemonRow, readTypeChartRow } from './rows.ts'

export interface CsvOptions {
  /** The offline base extract: slugs to check against, stats and priorities the CSV lacks. */
  base?: Extract
  /** French move name → move slug (e.g. PokéAPI `/move/{slug}` `names[language=fr]`). */
  moveNamesFr?: ReadonlyMap<string, string>
}

/** The folder cannot be listed (missing, not a folder, no permission). */
export class CsvSourceError extends KernelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CSV_DIR_UNREADABLE', message, { plugin: 'etl', ...options })
    this.name = 'CsvSourceError'
  }
}

/** A read row, ready to be stored unless its identity was already given by an earlier row. */
interface ReadRow {
  identity: string
  store: () => void
}

function then<T>(result: RowResult<T>, use: (value: T) => ReadRow): RowResult<ReadRow> {
  return 'reason' in result ? result : { value: use(result.value) }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort()
  } catch (error) {
    throw new CsvSourceError(`cannot list the CSV folder: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * Reads every CSV file of `dir` (not recursive, dotfiles skipped) into the intermediate model.
 * A collection is present only when a file of that kind was found, so "no file" stays distinct
 * from "an empty file".
 *
 * @example
 * const extract = await extractCsv('data/legacy-csv', { base: extractShowdown(), moveNamesFr })
 * extract.typeChart?.length // 324
 * extract.rejects[0]        // { source: 'csv', locator: 'types.csv:12', raw: 'Feu,Lumière,2', reason: 'unknown type "Lumière"' }
 * @throws {CsvSourceError} when `dir` cannot be listed
 */
export async function extractCsv(dir: string, options: CsvOptions = {}): Promise<Extract> {
  const rejects: Reject[] = []
  const warnings: string[] = []
  const names = { moveNamesFr: options.moveNamesFr, base: options.base }
  const index = createFrenchMoveIndex(names, warnings)
  const baseBySlug = options.base?.pokemon && new Map(options.base.pokemon.map((p) => [p.slug, p]))
  const baseMoves = options.base?.moves && new Map(options.base.moves.map((m) => [m.slug, m]))
  const found = new Set<CsvKind>()
  const pokemon = new Map<string, PokemonRecord>()
  const species = new Map<string, SpeciesRecord>()
  const moves = new Map<string, MoveRecord>()
  const typeChart = new Map<string, TypeChartCell>()
  const readers: Record<CsvKind, (get: Get) => RowResult<ReadRow>> = {
    pokemon: (get) =>
      then(readPokemonRow(get, baseBySlug), (row) => ({
        identity: `Pokémon ${row.pokemon.slug}`,
        store: () => {
          pokemon.set(row.pokemon.slug, row.pokemon)
          if (row.species) species.set(row.species.slug, row.species)
        },
      })),
    moves: (get) =>
      then(readMoveRow(get, { index, baseMoves }), (move) => ({
        identity: `move ${move.slug}`,
        store: () => moves.set(move.slug, move),
      })),
    typeChart: (get) =>
      then(readTypeChartRow(get), (cell) => ({
        identity: `cell ${cell.attacking} → ${cell.defending}`,
        store: () => typeChart.set(`${cell.attacking}|${cell.defending}`, cell),
      })),
  }
  /** Identity → locator of the row that gave it first (a later duplicate is rejected, not merged). */
  const firstSeen = new Map<string, string>()
  for (const file of await listFiles(dir)) {
    const { text, encoding } = decodeCsvBytes(await readFile(join(dir, file)))
    if (encoding !== 'utf-8') warnings.push(`csv: ${file}: not valid UTF-8, read as Windows-1252`)
    const [header, ...records] = parseCsv(text)
    const recognised = header && !header.error ? recogniseHeader(header.fields) : undefined
    if (header === undefined || recognised === undefined) {
      const kinds = Object.values(CSV_COLUMNS).map((columns) => columns.join(','))
      warnings.push(
        `csv: ${file}: header not recognised, file ignored (expected one of: ${kinds.join(' | ')})`,
      )
      continue
    }
    found.add(recognised.kind)
    if (recognised.extra.length > 0) {
      warnings.push(`csv: ${file}: extra columns ignored: ${recognised.extra.join(', ')}`)
    }
    for (const record of records) {
      const locator = `${file}:${record.line}`
      const reject = (reason: string) => rejects.push({ source: 'csv', locator, raw: record.raw, reason })
      if (record.error) {
        reject(record.error)
        continue
      }
      if (record.fields.length !== header.fields.length) {
        reject(`expected ${header.fields.length} fields, found ${record.fields.length}`)
        continue
      }
      const result = readers[recognised.kind](
        (column) => record.fields[recognised.columns.get(column)!] ?? '',
      )
      if ('reason' in result) reject(result.reason)
      else if (firstSeen.has(result.value.identity)) {
        reject(`duplicate ${result.value.identity} (first on ${firstSeen.get(result.value.identity)})`)
      } else {
        firstSeen.set(result.value.identity, locator)
        result.value.store()
      }
    }
  }
  if (found.size === 0)
    warnings.push(`csv: no Pokémon list, moves or type chart file recognised in the folder`)
  if (found.has('moves') && !hasFrenchMoveNames(names)) {
    warnings.push(
      'csv: no French move names (pass moveNamesFr, e.g. from PokéAPI): move rows cannot be matched',
    )
  }
  if (found.has('typeChart') && typeChart.size !== 324) {
    warnings.push(`csv: the type chart has ${typeChart.size} of 324 cells`)
  }
  return {
    source: 'csv',
    ...(found.has('pokemon') && { species: [...species.values()], pokemon: [...pokemon.values()] }),
    ...(found.has('moves') && { moves: [...moves.values()] }),
    ...(found.has('typeChart') && { typeChart: [...typeChart.values()] }),
    rejects,
    warnings,
  }
}
