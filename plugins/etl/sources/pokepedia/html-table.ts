/**
 * An HTML table as a grid of cells, with `rowspan`/`colspan` expanded, so "the Let's Go column"
 * means the same index in the header and in every move row.
 */
import { cleanCellText } from './cells.ts'

/** The linkedom element surface this module uses (kept narrow so tests can build tables freely). */
export type HtmlElement = Element

export interface TableGrid {
  /** Rows made only of `th` cells. */
  header: (HtmlElement | undefined)[][]
  /** Rows with at least one `td`, in order. */
  body: { cells: (HtmlElement | undefined)[]; raw: string }[]
}

function span(cell: HtmlElement, attribute: 'rowspan' | 'colspan'): number {
  const value = Number(cell.getAttribute(attribute) ?? '1')
  return Number.isInteger(value) && value >= 1 && value <= 100 ? value : 1
}

/**
 * Plain text of a cell: line breaks become commas (a cell listing two levels stays two tokens),
 * footnote markers are dropped.
 *
 * @example
 * cellText(td) // 'Départ, N.9' for <td>Départ<br>N.9<sup>[1]</sup></td>
 */
export function cellText(cell: HtmlElement | undefined): string {
  if (cell === undefined) return ''
  const copy = cell.cloneNode(true) as HtmlElement
  for (const junk of copy.querySelectorAll('sup, style, script, .reference')) junk.remove()
  for (const br of copy.querySelectorAll('br')) br.replaceWith(', ')
  return cleanCellText(copy.textContent ?? '')
}

/**
 * Expands a table into header and body grids. Rows of nested tables are not this table's rows.
 *
 * @example
 * tableGrid(table).header[1]?.[3] // the `th` above the fourth column of the second header row
 */
export function tableGrid(table: HtmlElement): TableGrid {
  const rows = [...table.querySelectorAll('tr')].filter((tr) => tr.parentElement?.closest('table') === table)
  const grid: (HtmlElement | undefined)[][] = rows.map(() => [])
  rows.forEach((tr, r) => {
    let column = 0
    for (const cell of [...tr.children].filter((child) => /^T[HD]$/i.test(child.tagName))) {
      while (grid[r]![column] !== undefined) column++
      for (let dr = 0; dr < span(cell, 'rowspan') && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < span(cell, 'colspan'); dc++) grid[r + dr]![column + dc] = cell
      }
      column += span(cell, 'colspan')
    }
  })
  const header: TableGrid['header'] = []
  const body: TableGrid['body'] = []
  rows.forEach((tr, r) => {
    const own = [...tr.children].filter((child) => /^T[HD]$/i.test(child.tagName))
    if (own.length > 0 && own.every((cell) => cell.tagName.toUpperCase() === 'TH')) header.push(grid[r]!)
    else if (own.length > 0) {
      body.push({ cells: grid[r]!, raw: own.map((cell) => cellText(cell)).join(' | ') })
    }
  })
  return { header, body }
}

/**
 * The first column whose header cell (text or link titles) satisfies `test`, or -1.
 *
 * @example
 * findColumn(grid, (text) => text.includes("Let's Go")) // 3
 */
export function findColumn(grid: TableGrid, test: (text: string) => boolean): number {
  for (const row of grid.header) {
    for (let column = 0; column < row.length; column++) {
      const cell = row[column]
      if (cell === undefined) continue
      const titles = [...cell.querySelectorAll('a, abbr, span')].map((el) => el.getAttribute('title') ?? '')
      if (test([cellText(cell), ...titles].join(' '))) return column
    }
  }
  return -1
}
