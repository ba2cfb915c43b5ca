/**
 * The three learnset sections of a Poképédia `…/Génération_7` page, and the neutral rows both
 * readers (wikitext and HTML) produce from them, so the move-name matching and the rejects are
 * written once.
 */
import { foldFrenchName } from './move-names.ts'

export type SectionName = 'level' | 'tm' | 'tutor'

/** HTML anchors of the sections, used in reject locators (`<page URL>#Par_CT row 3`). */
export const SECTION_ANCHORS: Readonly<Record<SectionName, string>> = {
  level: 'Par_montée_en_niveau',
  tm: 'Par_CT',
  tutor: 'Par_donneur_de_capacités',
}

/** Human names for messages. */
export const SECTION_TITLES: Readonly<Record<SectionName, string>> = {
  level: 'Par montée en niveau',
  tm: 'Par CT',
  tutor: 'Par donneur de capacités',
}

/**
 * Does a folded heading (see `foldFrenchName`) open this section? `Par CT` also matches the older
 * `Par CT/CS`; case and accents never matter.
 *
 * @example
 * isSectionHeading('level', foldFrenchName('Par montée en [[niveau]]')) // true
 */
export function isSectionHeading(section: SectionName, key: string): boolean {
  if (section === 'level') return key.includes('parmonteeenniveau')
  if (section === 'tm') return key.startsWith('parct')
  return key.includes('pardonneurdecapacites')
}

/** A heading naming the Let's Go games (the `h4` of the TM section), by title or abbreviation. */
export function isLetsGoHeading(key: string): boolean {
  return key.includes('letsgo') || key.includes('lgpe')
}

/** A heading naming a partner Pokémon (`Pikachu Partenaire`), preferred in the tutor section. */
export function isPartnerHeading(key: string): boolean {
  return key.includes(foldFrenchName('Partenaire'))
}

/** One learnset row as read, before its move name is matched. */
export interface LearnRow {
  /** 1-based position among the table's move rows. */
  row: number
  raw: string
  name: string
  /** Level section: the Let's Go cell. */
  cell?: string
  /** TM section: the TM number. */
  tm?: number
  /** Set when the row itself is unreadable (wrong field count, no TM number…). */
  problem?: string
}

/** A section read from a page: its rows, or why it could not be read. */
export type SectionRead = { ok: true; rows: LearnRow[] } | { ok: false; reason: string }
