/**
 * Read rows → learnset entries: match the French move name, check the move is a Let's Go move,
 * expand a level cell into one entry per level. Every row that cannot be used becomes a reject
 * pointing at `<page URL>#<section> row <n>`; the other rows go on.
 */
import type { LearnsetEntry, Reject } from '../../model.ts'
import { parseLevelCell } from './cells.ts'
import type { FrenchMoveIndex } from './move-names.ts'
import type { LearnRow, SectionName } from './sections.ts'

export interface EntryContext {
  index: FrenchMoveIndex
  /** The base extract's move slugs; undefined when the base has no moves (then any slug goes). */
  lgpeMoves: ReadonlySet<string> | undefined
  rejects: Reject[]
  /** Entries by identity, so a page read for two forms or twice never duplicates one. */
  entries: Map<string, LearnsetEntry>
}

function add(entries: Map<string, LearnsetEntry>, entry: LearnsetEntry): void {
  entries.set(`${entry.pokemon}|${entry.move}|${entry.method}|${entry.level}`, entry)
}

/**
 * Adds the entries of one section's rows for each of `forms`.
 *
 * @example
 * addSectionEntries(ctx, 'level', rows, ['pikachu', 'pikachu-starter'], 'https://www.pokepedia.fr/Pikachu/G%C3%A9n%C3%A9ration_7#Par_mont%C3%A9e_en_niveau')
 */
export function addSectionEntries(
  ctx: EntryContext,
  section: SectionName,
  rows: readonly LearnRow[],
  forms: readonly string[],
  locator: string,
): void {
  const reject = (row: LearnRow, reason: string) =>
    ctx.rejects.push({ source: 'pokepedia', locator: `${locator} row ${row.row}`, raw: row.raw, reason })
  for (const row of rows) {
    if (row.problem) {
      reject(row, row.problem)
      continue
    }
    // Read the Let's Go cell first: a row learned only in other games is not ours to match.
    const learns = section === 'level' ? parseLevelCell(row.cell ?? '') : undefined
    if (learns === undefined && section === 'level') {
      reject(row, `unreadable Let's Go level cell "${row.cell}"`)
      continue
    }
    if (learns?.length === 0) continue
    const move = ctx.index.lookup(row.name)
    if (move === undefined) {
      reject(row, `unknown move name "${row.name}"`)
      continue
    }
    if (ctx.lgpeMoves && !ctx.lgpeMoves.has(move)) {
      reject(row, `"${row.name}" is ${move}, which is not a Let's Go move in the base extract`)
      continue
    }
    for (const pokemon of forms) {
      if (learns) for (const learn of learns) add(ctx.entries, { pokemon, move, ...learn })
      else if (section === 'tm') add(ctx.entries, { pokemon, move, method: 'tm', level: null, tm: row.tm! })
      else add(ctx.entries, { pokemon, move, method: 'tutor', level: null })
    }
  }
}
