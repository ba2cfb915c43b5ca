/**
 * Reads the three learnset sections from a page's wikitext (the primary path, see index.ts).
 *
 * Level-up rows are `Nom / <SL> / <USUL> / <LGPE>`: the Let's Go cell is the third game column. A
 * table with another column count cannot say which column is Let's Go, so the section is declined
 * (the caller then reads the rendered HTML, whose headers name their games).
 */
import { cleanCellText, isNoMoveRow, parseTmNumber } from './cells.ts'
import { foldFrenchName } from './move-names.ts'
import {
  isLetsGoHeading,
  isPartnerHeading,
  isSectionHeading,
  type LearnRow,
  SECTION_TITLES,
  type SectionName,
  type SectionRead,
} from './sections.ts'
import { findLearnsetCalls, splitRow, splitSections, type WikiSection } from './wikitext.ts'

/** Name + SL + USUL + LGPE. */
const LEVEL_FIELDS = 4

function rowsOf(section: WikiSection, kind?: string): { rows: string[] } | { reason: string } {
  const calls = findLearnsetCalls(section.content)
  if (calls === undefined) return { reason: 'a {{#invoke:Apprentissage}} table is never closed' }
  const wanted = kind ? calls.filter((call) => foldFrenchName(call.kind) === kind) : calls
  if (wanted.length === 0) return { reason: `no {{#invoke:Apprentissage${kind ? `|${kind}` : ''}}} table` }
  if (wanted.length > 1) return { reason: `${wanted.length} learnset tables where one was expected` }
  return { rows: wanted[0]!.rows.filter((row) => !isNoMoveRow(cleanCellText(splitRow(row)[0] ?? ''))) }
}

function readLevel(section: WikiSection): SectionRead {
  const found = rowsOf(section, 'niveau')
  if ('reason' in found) return { ok: false, reason: found.reason }
  const counts = found.rows.map((row) => splitRow(row).length)
  const usual = counts.filter((count) => count === LEVEL_FIELDS).length
  if (found.rows.length > 0 && usual * 2 <= found.rows.length) {
    return { ok: false, reason: `rows have ${counts[0]! - 1} game columns, not SL / USUL / LGPE` }
  }
  return {
    ok: true,
    rows: found.rows.map((raw, i): LearnRow => {
      const fields = splitRow(raw)
      const name = cleanCellText(fields[0] ?? '')
      if (fields.length !== LEVEL_FIELDS) {
        return {
          row: i + 1,
          raw,
          name,
          problem: `expected a name and 3 game columns, found ${fields.length - 1}`,
        }
      }
      return { row: i + 1, raw, name, cell: fields[LEVEL_FIELDS - 1]! }
    }),
  }
}

function readTm(rows: string[]): LearnRow[] {
  return rows.map((raw, i): LearnRow => {
    const fields = splitRow(raw)
    const tmIndex = fields.findIndex((field) => parseTmNumber(field) !== undefined)
    const name = cleanCellText(fields.find((field, j) => j !== tmIndex && cleanCellText(field) !== '') ?? '')
    if (tmIndex < 0) return { row: i + 1, raw, name, problem: 'no TM number (CTxx) in the row' }
    return { row: i + 1, raw, name, tm: parseTmNumber(fields[tmIndex]!)! }
  })
}

/** The subsection holding the Let's Go rows: partner heading, then Let's Go heading, else itself. */
function pickSubsection(section: WikiSection, name: SectionName): WikiSection | undefined {
  const children = section.children
  if (name === 'tutor') {
    const partner = children.find((child) => isPartnerHeading(child.key))
    if (partner) return partner
  }
  const letsGo = children.find((child) => isLetsGoHeading(child.key))
  if (letsGo) return letsGo
  return name === 'tutor' && children.length === 0 ? section : undefined
}

/**
 * Reads one learnset section from a page's wikitext.
 *
 * @example
 * readWikitextSection(wikitext, 'level') // { ok: true, rows: [{ row: 1, name: 'Charge', cell: 'Départ', … }] }
 */
export function readWikitextSection(wikitext: string, name: SectionName): SectionRead {
  const section = splitSections(wikitext).find((candidate) => isSectionHeading(name, candidate.key))
  if (section === undefined) return { ok: false, reason: `no '${SECTION_TITLES[name]}' section` }
  if (name === 'level') return readLevel(section)
  const part = pickSubsection(section, name)
  if (part === undefined)
    return { ok: false, reason: `no Let's Go subsection under '${SECTION_TITLES[name]}'` }
  const found = rowsOf(part)
  if ('reason' in found) return { ok: false, reason: found.reason }
  if (name === 'tm') return { ok: true, rows: readTm(found.rows) }
  return {
    ok: true,
    rows: found.rows.map((raw, i) => ({ row: i + 1, raw, name: cleanCellText(splitRow(raw)[0] ?? '') })),
  }
}
