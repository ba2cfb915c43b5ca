/**
 * The text of one learnset cell → what it means, shared by the wikitext and the HTML readers so
 * both paths agree to the letter.
 *
 * A Let's Go level cell holds `—` (not learned), `Départ` (known from the start), `Évolution`
 * (learned on evolving), a level (`N.12` or `12`), or several of these separated by commas or line
 * breaks (`Départ, N.9`): every one is kept, because a move learned at two levels is two entries.
 */
import type { LearnMethod } from '../../model.ts'
import { foldFrenchName } from './move-names.ts'

export interface LevelLearn {
  method: Extract<LearnMethod, 'start' | 'evolution' | 'level-up'>
  level: number | null
}

/** `—`, `-`, `–`, `×`, empty: the move is not learned in this game. */
const NOT_LEARNED = /^[\s—–\-×✗]*$/

/**
 * Parses a level cell; `[]` = not learned, `undefined` = a token it cannot read (the caller rejects
 * the row rather than guess).
 *
 * @example
 * parseLevelCell('Départ, N.9') // [{ method: 'start', level: 0 }, { method: 'level-up', level: 9 }]
 * parseLevelCell('—')           // []
 * parseLevelCell('bientôt')     // undefined
 */
export function parseLevelCell(cell: string): LevelLearn[] | undefined {
  const text = cleanCellText(cell)
  if (NOT_LEARNED.test(text)) return []
  const learns: LevelLearn[] = []
  for (const token of text.split(/\s*(?:,|;|\n|\bet\b)\s*/)) {
    if (token === '') continue
    const folded = foldFrenchName(token)
    if (folded === 'depart') learns.push({ method: 'start', level: 0 })
    else if (folded === 'evolution') learns.push({ method: 'evolution', level: null })
    else {
      const level = token.match(/^(?:N\.?\s*)?(\d{1,3})$/i)?.[1]
      if (level === undefined || Number(level) < 1 || Number(level) > 100) return undefined
      learns.push({ method: 'level-up', level: Number(level) })
    }
  }
  return learns
}

/**
 * Reads a TM number written `CT01`, `CT 1`, `01` or `1`.
 *
 * @example
 * parseTmNumber('CT07') // 7
 * parseTmNumber('Abri') // undefined
 */
export function parseTmNumber(text: string): number | undefined {
  const digits = cleanCellText(text).match(/^(?:CT|TM)?\s*0*(\d{1,3})$/i)?.[1]
  return digits === undefined ? undefined : Number(digits)
}

/**
 * Plain text of a wikitext or HTML-derived cell: footnotes, comments, tags and templates removed,
 * links reduced to their label, non-breaking spaces made plain.
 *
 * @example
 * cleanCellText("[[Tranch'Herbe|Tranch’Herbe]]<ref>note</ref>") // "Tranch’Herbe"
 */
export function cleanCellText(raw: string): string {
  return raw
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<ref[^>]*\/>/gi, '')
    .replace(/<ref[^>]*>[\s\S]*?<\/ref>/gi, '')
    .replace(/<sup[^>]*>[\s\S]*?<\/sup>/gi, '')
    .replace(/<br\s*\/?>/gi, ', ')
    .replace(/<[^>]+>/g, '')
    .replace(/\{\{[^{}]*\}\}/g, '')
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/'''?/g, '')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/\*+$/, '')
    .replace(/[ \t]+/g, ' ')
    .trim()
}

/** Rows that say "no move" instead of naming one (`Aucune`, `Aucune capacité`). */
export function isNoMoveRow(name: string): boolean {
  return /^aucun/.test(foldFrenchName(name))
}
