import type { LearnsetEntry } from '../model.ts'
import type { Conflict } from './merge-records.ts'
import { bySourcePrecedence, LEARNSETS } from './precedence.ts'

/** A learnset entry with the source it came from (kept in the database as provenance). */
export type SourcedEntry = LearnsetEntry & { source: string }

/** Identity of an entry: one row per (Pokémon, move, method, level, ancestor). */
export function entryKey(e: LearnsetEntry): string {
  return `${e.pokemon}|${e.move}|${e.method}|${e.level ?? ''}|${e.ancestor ?? ''}`
}

/**
 * Merges learnsets per Pokémon: membership comes from the first source (LEARNSETS precedence)
 * that lists any entry for that Pokémon; TM numbers missing there are filled from other sources'
 * matching TM entries; entries other sources list and the chosen one does not (or the reverse)
 * are reported as conflicts, one per entry.
 *
 * @example
 * mergeLearnsets([{ source: 'showdown', entries }, { source: 'pokepedia', entries: scraped }])
 */
export function mergeLearnsets(inputs: readonly { source: string; entries: readonly LearnsetEntry[] }[]): {
  entries: SourcedEntry[]
  conflicts: Conflict[]
} {
  const ordered = bySourcePrecedence(inputs, LEARNSETS)
  const perSource = ordered.map((i) => {
    const byPokemon = new Map<string, LearnsetEntry[]>()
    for (const e of i.entries) byPokemon.set(e.pokemon, [...(byPokemon.get(e.pokemon) ?? []), e])
    return { source: i.source, byPokemon }
  })
  const pokemon = [...new Set(ordered.flatMap((i) => i.entries.map((e) => e.pokemon)))]
  const entries: SourcedEntry[] = []
  const conflicts: Conflict[] = []
  for (const slug of pokemon) {
    const owner = perSource.find((s) => (s.byPokemon.get(slug)?.length ?? 0) > 0)!
    const chosen = owner.byPokemon.get(slug)!
    const chosenKeys = new Set(chosen.map(entryKey))
    const tmNumbers = new Map<string, number>()
    for (const s of perSource) {
      for (const e of s.byPokemon.get(slug) ?? []) {
        if (e.method === 'tm' && e.tm !== undefined && !tmNumbers.has(e.move)) tmNumbers.set(e.move, e.tm)
      }
    }
    for (const e of chosen) {
      const tm = e.method === 'tm' && e.tm === undefined ? tmNumbers.get(e.move) : e.tm
      entries.push({ ...e, ...(tm !== undefined ? { tm } : {}), source: owner.source })
    }
    for (const other of perSource) {
      if (other === owner) continue
      const list = other.byPokemon.get(slug)
      if (!list || list.length === 0) continue
      const otherKeys = new Set(list.map(entryKey))
      for (const e of list) {
        if (chosenKeys.has(entryKey(e))) continue
        conflicts.push(learnsetConflict(e, owner.source, 'absent', other.source, 'present'))
      }
      for (const e of chosen) {
        if (otherKeys.has(entryKey(e))) continue
        conflicts.push(learnsetConflict(e, owner.source, 'present', other.source, 'absent'))
      }
    }
  }
  return { entries, conflicts }
}

function learnsetConflict(
  e: LearnsetEntry,
  chosenSource: string,
  chosenValue: string,
  otherSource: string,
  otherValue: string,
): Conflict {
  return {
    entity: 'learnsets',
    key: `${e.pokemon}/${e.move}`,
    field: `${e.method}${e.level !== null ? ` ${e.level}` : ''}`,
    chosenSource,
    chosenValue,
    otherSource,
    otherValue,
  }
}
