/**
 * Reads the three learnset sections from a page's rendered HTML (the fallback path, see index.ts),
 * with linkedom. Sections are found by heading text or link title (never by position), the
 * Let's Go level column by its header's link title, the Let's Go TM table by its `h4`.
 */
import { parseHTML } from 'linkedom'
import { isNoMoveRow, parseTmNumber } from './cells.ts'
import { cellText, findColumn, type HtmlElement, type TableGrid, tableGrid } from './html-table.ts'
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

interface HtmlSection {
  level: number
  key: string
  /** Tables up to the next heading of any level. */
  tables: HtmlElement[]
  children: HtmlSection[]
}

/** Headings in page order, each with its tables; `children` gives the nesting. */
function htmlSections(html: string): HtmlSection[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`)
  const sections: (HtmlSection & { index: number })[] = []
  for (const element of document.querySelectorAll('h2, h3, h4, h5, h6, table')) {
    if (element.tagName.toUpperCase() !== 'TABLE') {
      const titles = [...element.querySelectorAll('a')].map((a) => a.getAttribute('title') ?? '')
      const key = foldFrenchName([element.textContent ?? '', ...titles].join(' '))
      sections.push({
        level: Number(element.tagName.slice(1)),
        key,
        tables: [],
        children: [],
        index: sections.length,
      })
    } else if (!element.parentElement?.closest('table')) sections.at(-1)?.tables.push(element)
  }
  for (const section of sections) {
    const end = sections.findIndex((other) => other.index > section.index && other.level <= section.level)
    section.children = sections.slice(section.index + 1, end < 0 ? undefined : end)
  }
  return sections
}

function allTables(section: HtmlSection): HtmlElement[] {
  return [...section.tables, ...section.children.flatMap((child) => child.tables)]
}

const isMoveHeader = (text: string) => /^(capacite|nom)/.test(foldFrenchName(text))

function moveRows(
  grid: TableGrid,
  read: (cells: (HtmlElement | undefined)[]) => Partial<LearnRow>,
): LearnRow[] {
  const nameColumn = Math.max(0, findColumn(grid, isMoveHeader))
  return grid.body
    .map(({ cells, raw }) => ({ cells, raw, name: cellText(cells[nameColumn]) }))
    .filter(({ name }) => name !== '' && !isNoMoveRow(name))
    .map(({ cells, raw, name }, i) => ({ row: i + 1, raw, name, ...read(cells) }))
}

function readLevel(section: HtmlSection): SectionRead {
  const candidates = allTables(section)
    .map(tableGrid)
    .map((grid) => ({ grid, column: findColumn(grid, (text) => isLetsGoHeading(foldFrenchName(text))) }))
    .filter(({ column }) => column >= 0)
  if (candidates.length === 0) return { ok: false, reason: "no level-up table with a Let's Go column" }
  if (candidates.length > 1)
    return { ok: false, reason: `${candidates.length} level-up tables where one was expected` }
  const { grid, column } = candidates[0]!
  return {
    ok: true,
    rows: moveRows(grid, (cells) =>
      cells[column] === undefined
        ? { problem: "the row has no Let's Go cell" }
        : { cell: cellText(cells[column]) },
    ),
  }
}

function readTm(grid: TableGrid): LearnRow[] {
  let tmColumn = findColumn(grid, (text) => /^(ct|ctcs|n|no|numero)$/.test(foldFrenchName(text)))
  if (tmColumn < 0) {
    tmColumn = grid.body[0]?.cells.findIndex((cell) => parseTmNumber(cellText(cell)) !== undefined) ?? -1
  }
  return moveRows(grid, (cells) => {
    const tm = tmColumn < 0 ? undefined : parseTmNumber(cellText(cells[tmColumn]))
    return tm === undefined ? { problem: 'no TM number (CTxx) in the row' } : { tm }
  })
}

function pickSubsection(section: HtmlSection, name: SectionName): HtmlSection | undefined {
  if (name === 'tutor') {
    const partner = section.children.find((child) => isPartnerHeading(child.key))
    if (partner) return partner
  }
  const letsGo = section.children.find((child) => isLetsGoHeading(child.key))
  if (letsGo) return letsGo
  return name === 'tutor' && section.children.length === 0 ? section : undefined
}

/**
 * Reads one learnset section from a page's rendered HTML (`action=parse&prop=text`).
 *
 * @example
 * readHtmlSection(html, 'tm') // { ok: true, rows: [{ row: 1, name: "Coup d'Boule", tm: 1, … }] }
 */
export function readHtmlSection(html: string, name: SectionName): SectionRead {
  const section = htmlSections(html).find((candidate) => isSectionHeading(name, candidate.key))
  if (section === undefined) return { ok: false, reason: `no '${SECTION_TITLES[name]}' heading` }
  if (name === 'level') return readLevel(section)
  const part = pickSubsection(section, name)
  if (part === undefined) return { ok: false, reason: `no Let's Go heading under '${SECTION_TITLES[name]}'` }
  const grids = allTables(part).map(tableGrid)
  const grid = grids.find((candidate) => candidate.body.length > 0) ?? grids[0]
  if (grid === undefined)
    return { ok: false, reason: `no table under the Let's Go heading of '${SECTION_TITLES[name]}'` }
  if (name === 'tm') return { ok: true, rows: readTm(grid) }
  return { ok: true, rows: moveRows(grid, () => ({})) }
}
