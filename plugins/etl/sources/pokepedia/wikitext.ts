/**
 * Just enough wikitext reading for Poképédia learnset pages: headings (sections) and
 * `{{#invoke:Apprentissage|<kind>|…}}` module calls, whose last argument holds one move a line,
 * fields separated by ` / ` (`Charge / Départ / Départ / Départ`).
 */
import { foldFrenchName } from './move-names.ts'

export interface WikiSection {
  level: number
  /** The heading as written, links and templates included (`[[Pokémon : Let's Go…]]`). */
  heading: string
  /** Folded heading (see `foldFrenchName`), for matching. */
  key: string
  /** Text under the heading, subsections included. */
  content: string
  /** Sections directly or indirectly under this one. */
  children: WikiSection[]
}

const HEADING = /^(={2,6})\s*(.+?)\s*\1\s*$/gm

/**
 * Splits a page into its sections (flat list, in page order; `children` gives the nesting).
 *
 * @example
 * splitSections('== A ==\nx\n=== B ===\ny')[0]?.children[0]?.heading // 'B'
 */
export function splitSections(wikitext: string): WikiSection[] {
  const text = wikitext.replace(/<!--[\s\S]*?-->/g, '')
  const marks = [...text.matchAll(HEADING)].map((match) => ({
    level: match[1]!.length,
    heading: match[2]!,
    start: match.index,
    bodyStart: match.index + match[0].length,
  }))
  const sections = marks.map((mark, i) => {
    const next = marks.slice(i + 1).find((other) => other.level <= mark.level)
    return {
      level: mark.level,
      heading: mark.heading,
      key: foldFrenchName(mark.heading),
      content: text.slice(mark.bodyStart, next?.start ?? text.length),
      children: [] as WikiSection[],
      end: next?.start ?? text.length,
      start: mark.start,
    }
  })
  for (const section of sections) {
    section.children = sections.filter(
      (other) => other.start > section.start && other.start < section.end && other.level > section.level,
    )
  }
  return sections.map(({ level, heading, key, content, children }) => ({
    level,
    heading,
    key,
    content,
    children,
  }))
}

export interface ModuleCall {
  /** First positional argument: `niveau`, `capsule`, `donneur`… */
  kind: string
  params: ReadonlyMap<string, string>
  /** One entry a move line, trimmed, empty lines dropped. */
  rows: string[]
}

/** Splits on `|` that are not inside `{{…}}` or `[[…]]`. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (let i = 0; i < body.length; i++) {
    const pair = body.slice(i, i + 2)
    if (pair === '{{' || pair === '[[') {
      depth++
      current += pair
      i++
    } else if ((pair === '}}' || pair === ']]') && depth > 0) {
      depth--
      current += pair
      i++
    } else if (body[i] === '|' && depth === 0) {
      parts.push(current)
      current = ''
    } else current += body[i]
  }
  parts.push(current)
  return parts
}

/** Index just past the `}}` closing the call that opens at `start`, or -1 when it never closes. */
function closingIndex(text: string, start: number): number {
  let depth = 0
  for (let i = start; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2)
    if (pair === '{{') {
      depth++
      i++
    } else if (pair === '}}') {
      depth--
      i++
      if (depth === 0) return i + 1
    }
  }
  return -1
}

/**
 * Every `{{#invoke:Apprentissage|…}}` call in a piece of wikitext, or `undefined` when one is never
 * closed (a broken page: the caller rejects it rather than read half a table).
 *
 * @example
 * findLearnsetCalls('{{#invoke:Apprentissage|niveau|génération=7|\nCharge / Départ / Départ / Départ\n}}')
 * // [{ kind: 'niveau', params: Map { 'génération' => '7' }, rows: ['Charge / Départ / Départ / Départ'] }]
 */
export function findLearnsetCalls(wikitext: string): ModuleCall[] | undefined {
  const calls: ModuleCall[] = []
  const opening = /\{\{\s*#invoke:\s*Apprentissage\s*\|/gi
  for (const match of wikitext.matchAll(opening)) {
    const end = closingIndex(wikitext, match.index)
    if (end < 0) return undefined
    const inner = wikitext.slice(match.index + match[0].length, end - 2)
    const [kind = '', ...args] = splitTopLevel(inner)
    const params = new Map<string, string>()
    const rows: string[] = []
    for (const arg of args) {
      const named = arg.match(/^\s*([\p{L}\d_ ]+?)\s*=([\s\S]*)$/u)
      if (named && !arg.includes('/')) params.set(named[1]!.trim(), named[2]!.trim())
      else rows.push(...arg.split('\n').map((line) => line.trim()))
    }
    calls.push({ kind: kind.trim(), params, rows: rows.filter((row) => row !== '') })
  }
  return calls
}

/**
 * The fields of a move line: `Charge / Départ / — / N.5` → four trimmed fields. Slashes inside
 * links or templates are not separators.
 *
 * @example
 * splitRow('Vampigraine / 7 / 7 / Départ, N.9') // ['Vampigraine', '7', '7', 'Départ, N.9']
 */
export function splitRow(row: string): string[] {
  // A private-use character stands in for protected slashes: it never occurs in page text.
  const masked = row.replace(/\{\{[^{}]*\}\}|\[\[[^\]]*\]\]/g, (part) => part.replace(/\//g, '\uE000'))
  return masked.split('/').map((field) => field.replace(/\uE000/g, '/').trim())
}
