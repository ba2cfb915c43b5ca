/**
 * Let's Go learnsets from the mod's source codes.
 *
 * Source codes (`<gen><kind><detail>`), generation 7 only:
 * - `7L<n>`, n ≥ 2: level-up at level n → `{ method: 'level-up', level: n }`.
 * - `7L1`: known from the start → `{ method: 'start', level: 0 }`. Showdown writes the moves a
 *   Pokémon knows when obtained as level 1 (Bulbasaur's Tackle and Growl); Poképédia calls them
 *   "Départ" and the model stores them as level 0.
 * - `7L0`: learned on evolving → `{ method: 'evolution', level: null }`. Every one of the 41 `7L0`
 *   rows belongs to an evolved form (Venusaur's Petal Dance, Charizard's Wing Attack, Metapod's
 *   Harden…; also Alolan Raichu/Exeggutor/Marowak and Melmetal, whose pre-evolution link the data
 *   lacks), which is Showdown's convention for evolution moves.
 * - `7M`: TM → `{ method: 'tm', level: null }`. The dex gives no TM number, so `tm` is left out.
 * - `7T`: tutor (the partner moves) → `{ method: 'tutor', level: null }`.
 * - `7S<n>`: event Pokémon (`eventData[n]`): not a way to learn a move, ignored and counted.
 * A move learned at several levels keeps one entry per level (Ivysaur: Leech Seed at start and 9).
 */
import type { LearnMethod, LearnsetEntry } from '../../model.ts'
import type { Findings } from './findings.ts'
import type { LgpeData } from './lgpe-dex.ts'

export type ParsedSource =
  | { kind: 'learn'; method: LearnMethod; level: number | null }
  | { kind: 'event' }
  | { kind: 'unknown' }

/**
 * Parses one Showdown learnset source code.
 *
 * @example
 * parseLearnSource('7L1')  // { kind: 'learn', method: 'start', level: 0 }
 * parseLearnSource('7L32') // { kind: 'learn', method: 'level-up', level: 32 }
 * parseLearnSource('7S0')  // { kind: 'event' }
 */
export function parseLearnSource(code: string): ParsedSource {
  const level = code.match(/^7L(\d+)$/)?.[1]
  if (level !== undefined) {
    const n = Number(level)
    if (n === 0) return { kind: 'learn', method: 'evolution', level: null }
    if (n === 1) return { kind: 'learn', method: 'start', level: 0 }
    return { kind: 'learn', method: 'level-up', level: n }
  }
  if (code === '7M') return { kind: 'learn', method: 'tm', level: null }
  if (code === '7T') return { kind: 'learn', method: 'tutor', level: null }
  if (/^7S\d+$/.test(code)) return { kind: 'event' }
  return { kind: 'unknown' }
}

const METHOD_ORDER: readonly LearnMethod[] = ['start', 'evolution', 'level-up', 'tm', 'tutor', 'inherited']

function compareEntries(a: LearnsetEntry, b: LearnsetEntry): number {
  return (
    METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) ||
    (a.level ?? 0) - (b.level ?? 0) ||
    a.move.localeCompare(b.move)
  )
}

/** Showdown id → slug lookups for the records already extracted. */
export interface SlugLookup {
  pokemon: ReadonlyMap<string, string>
  moves: ReadonlyMap<string, string>
}

/**
 * Extracts every (form, move, method, level) of the legal forms, in form order, then start,
 * evolution, level-up (by level), TM and tutor. Forms without a learnset of their own (the Megas)
 * are reported, not invented: copying the base form's learnset is the reconciler's job.
 *
 * @example
 * const entries = extractLearnsets(data, slugs, findings)
 * entries.filter((e) => e.pokemon === 'ivysaur' && e.move === 'leech-seed') // start (0) and level-up 9
 */
export function extractLearnsets(data: LgpeData, slugs: SlugLookup, findings: Findings): LearnsetEntry[] {
  const entries: LearnsetEntry[] = []
  const eventOnly: string[] = []
  let eventCodes = 0
  for (const id of data.legalIds) {
    const pokemon = slugs.pokemon.get(id)
    const learnset = data.learnsets[id]
    if (pokemon === undefined) continue
    if (learnset === undefined) continue
    const ofPokemon = new Map<string, LearnsetEntry>()
    for (const [moveId, codes] of Object.entries(learnset)) {
      const move = slugs.moves.get(moveId)
      if (move === undefined) {
        findings.warnings.push(`learnsets.${id}.${moveId}: move not extracted, entries skipped`)
        continue
      }
      for (const code of codes) {
        const parsed = parseLearnSource(code)
        if (parsed.kind === 'event') eventCodes++
        if (parsed.kind === 'unknown') {
          findings.warnings.push(`learnsets.${id}.${moveId}: source "${code}" ignored`)
        }
        if (parsed.kind !== 'learn') continue
        const entry: LearnsetEntry = { pokemon, move, method: parsed.method, level: parsed.level }
        ofPokemon.set(`${move}|${entry.method}|${entry.level}`, entry)
      }
      if (codes.every((code) => parseLearnSource(code).kind === 'event')) eventOnly.push(`${id}.${moveId}`)
    }
    entries.push(...[...ofPokemon.values()].sort(compareEntries))
  }
  const missing = data.legalIds.filter((id) => data.learnsets[id] === undefined)
  if (missing.length > 0) {
    findings.warnings.push(`learnsets: no learnset of their own for ${missing.join(', ')}`)
  }
  findings.warnings.push(`learnsets: ${eventCodes} event source codes (7S) ignored`)
  if (eventOnly.length > 0) {
    findings.warnings.push(`learnsets: only learnable through an event: ${eventOnly.join(', ')}`)
  }
  return entries
}
