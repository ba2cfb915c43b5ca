import { BATTLE, bySourcePrecedence, type Entity, precedenceOf } from './precedence.ts'

/** Two sources disagree on one field; the chosen value is loaded, the other kept in the run report. */
export interface Conflict {
  entity: string
  key: string
  field: string
  chosenSource: string
  chosenValue: unknown
  otherSource: string
  otherValue: unknown
}

/** Fields merged as one unit (their parts belong together). Others recurse one level into `names`/`descriptions`. */
const NESTED = new Set(['names', 'descriptions', 'flavorText'])

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
  if (typeof a === 'string' && typeof b === 'string') return a.normalize('NFC') === b.normalize('NFC')
  return JSON.stringify(a) === JSON.stringify(b)
}

function fieldPaths(record: Record<string, unknown>): string[] {
  return Object.entries(record).flatMap(([key, value]) =>
    NESTED.has(key) && value && typeof value === 'object'
      ? Object.keys(value as object).map((sub) => `${key}.${sub}`)
      : [key],
  )
}

function read(record: Record<string, unknown>, path: string): unknown {
  const [head, sub] = path.split('.') as [string, string | undefined]
  const value = record[head]
  return sub === undefined ? value : (value as Record<string, unknown> | undefined)?.[sub]
}

function write(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, sub] = path.split('.') as [string, string | undefined]
  if (sub === undefined) {
    target[head] = value
    return
  }
  target[head] = { ...((target[head] as object | undefined) ?? {}), [sub]: value }
}

/**
 * Merges one entity's records from several sources field by field: for each field the first
 * source in that field's precedence with a defined value wins; every other defined value that
 * differs becomes a `Conflict`. The entity set comes from the first source (by BATTLE precedence)
 * that provides the collection; records only other sources know become conflicts of field
 * `(existence)` and are not loaded.
 *
 * @example
 * mergeRecords('moves', [{ source: 'showdown', records }, { source: 'pokeapi', records: api }], (m) => m.slug)
 */
export function mergeRecords<T extends object>(
  entity: Entity,
  inputs: readonly { source: string; records: readonly T[] }[],
  keyOf: (record: T) => string,
): { records: T[]; conflicts: Conflict[]; sourcesByKey: Map<string, string[]> } {
  const ordered = bySourcePrecedence(inputs, BATTLE)
  const conflicts: Conflict[] = []
  const sourcesByKey = new Map<string, string[]>()
  const primary = ordered[0]
  if (!primary) return { records: [], conflicts, sourcesByKey }
  const bySource = new Map(ordered.map((i) => [i.source, new Map(i.records.map((r) => [keyOf(r), r]))]))
  const records: T[] = []
  for (const base of primary.records) {
    const key = keyOf(base)
    const versions = ordered.flatMap((i) => {
      const r = bySource.get(i.source)?.get(key)
      return r ? [{ source: i.source, record: r as Record<string, unknown> }] : []
    })
    sourcesByKey.set(
      key,
      versions.map((v) => v.source),
    )
    const paths = [...new Set(versions.flatMap((v) => fieldPaths(v.record)))]
    const merged: Record<string, unknown> = {}
    for (const path of paths) {
      const candidates = bySourcePrecedence(versions, precedenceOf(entity, path))
        .map((v) => ({ source: v.source, value: read(v.record, path) }))
        .filter((c) => c.value !== undefined && c.value !== null && c.value !== '')
      const chosen = candidates[0]
      const fallback = read(primary === undefined ? {} : versions[0]!.record, path)
      write(merged, path, chosen ? chosen.value : fallback)
      for (const other of candidates.slice(1)) {
        if (!sameValue(chosen!.value, other.value)) {
          conflicts.push({
            entity,
            key,
            field: path,
            chosenSource: chosen!.source,
            chosenValue: chosen!.value,
            otherSource: other.source,
            otherValue: other.value,
          })
        }
      }
    }
    records.push(merged as T)
  }
  const known = new Set(primary.records.map(keyOf))
  for (const input of ordered.slice(1)) {
    for (const r of input.records) {
      const key = keyOf(r)
      if (known.has(key)) continue
      conflicts.push({
        entity,
        key,
        field: '(existence)',
        chosenSource: primary.source,
        chosenValue: null,
        otherSource: input.source,
        otherValue: 'present',
      })
    }
  }
  return { records, conflicts, sourcesByKey }
}
