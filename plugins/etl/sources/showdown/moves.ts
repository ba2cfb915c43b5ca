/**
 * The 226 Let's Go moves with their Let's Go values (Absorb 40, Solar Beam 200, Zippy Zap 50 BP
 * +2 always-crit…), as the modded dex gives them.
 *
 * Pika Papow and Veevee Volley: their power depends on friendship (102 at most in the games; the
 * engine fixes happiness, which gives 28), so `power` is null and `effectClass` is
 * `variable-power`. The dex still flags them `isNonstandard: 'LGPE'`; they are legal in Let's Go,
 * so they are kept, with a warning (the mod clears that flag for the other partner moves only).
 */
import type { Move, SecondaryEffect } from '@pkmn/dex'
import type { MoveCategory, MoveRecord } from '../../model.ts'
import { SECONDARY_CORRECTIONS } from './corrections.ts'
import { classifyEffect } from './effect-class.ts'
import { type Findings, rejectRow } from './findings.ts'
import type { LgpeData } from './lgpe-dex.ts'
import { summarizeSecondary } from './secondary-summary.ts'
import { toSlug } from './slugs.ts'
import { toTypeSlug } from './types.ts'

const CATEGORIES: Readonly<Record<string, MoveCategory>> = {
  Physical: 'physical',
  Special: 'special',
  Status: 'status',
}

/** `2` → `[2, 2]`, `[2, 5]` → `[2, 5]`; undefined for single-hit moves. */
function toMultiHit(multihit: Move['multihit']): [number, number] | undefined {
  if (typeof multihit === 'number') return [multihit, multihit]
  const [min, max] = multihit ?? []
  return min !== undefined && max !== undefined ? [min, max] : undefined
}

/** Showdown stores shares as fractions `[numerator, denominator]`: `[33, 100]` → 0.33. */
function toShare(fraction: readonly [number, number] | undefined): number | undefined {
  return fraction ? fraction[0] / fraction[1] : undefined
}

function secondariesOf(move: Move, findings: Findings): readonly SecondaryEffect[] {
  const correction = SECONDARY_CORRECTIONS[move.id]
  if (!correction) return move.secondaries ?? []
  findings.warnings.push(`moves.${move.id}: secondary effect corrected: ${correction.why}`)
  return correction.secondaries
}

function toMoveRecord(move: Move, findings: Findings): MoveRecord | undefined {
  const locator = `moves.${move.id}`
  if (!move.exists) return rejectRow(findings, locator, move.id, "move not in the Let's Go dex")
  const type = toTypeSlug(move.type)
  if (type === undefined) return rejectRow(findings, locator, move.type, 'unknown type')
  const category = CATEGORIES[move.category]
  if (category === undefined) return rejectRow(findings, locator, move.category, 'unknown category')
  if (move.isNonstandard) {
    findings.warnings.push(
      `${locator}: kept although the dex flags it isNonstandard "${move.isNonstandard}" (legal in Let's Go)`,
    )
  }
  const multiHit = toMultiHit(move.multihit)
  const recoil = toShare(move.recoil)
  const drain = toShare(move.drain)
  const secondary = summarizeSecondary(move, secondariesOf(move, findings))
  return {
    slug: toSlug(move.name),
    num: move.num,
    names: { en: move.name },
    type,
    category,
    power: move.basePower > 0 ? move.basePower : null,
    accuracy: move.accuracy === true ? null : move.accuracy,
    pp: move.pp,
    priority: move.priority,
    critRatio: move.critRatio ?? 1,
    alwaysCrit: move.willCrit === true,
    ...(multiHit ? { multiHit } : {}),
    ...(recoil !== undefined ? { recoil } : {}),
    ...(drain !== undefined ? { drain } : {}),
    effectClass: classifyEffect(move),
    ...(secondary ? { secondary } : {}),
    descriptions: { en: move.shortDesc },
    showdownId: move.id,
  }
}

/**
 * The Showdown ids of the Let's Go moves: every move in the mod's learnsets of the legal forms,
 * whatever the source code (an event-only move such as Chansey's Celebrate counts: it is legal).
 *
 * @example
 * lgpeMoveIds(loadLgpeData()).length // 226
 */
export function lgpeMoveIds(data: LgpeData): string[] {
  const ids = new Set<string>()
  for (const learnset of Object.values(data.learnsets)) {
    for (const moveId of Object.keys(learnset)) ids.add(moveId)
  }
  return [...ids].sort()
}

/**
 * Extracts the given moves (by Showdown id), sorted by slug.
 *
 * @example
 * const data = loadLgpeData()
 * extractMoves(data, lgpeMoveIds(data), { rejects: [], warnings: [] }).find((m) => m.slug === 'absorb')?.power // 40
 */
export function extractMoves(data: LgpeData, moveIds: readonly string[], findings: Findings): MoveRecord[] {
  const records: MoveRecord[] = []
  for (const id of moveIds) {
    const record = toMoveRecord(data.dex.moves.get(id), findings)
    if (record) records.push(record)
  }
  return records.sort((a, b) => a.slug.localeCompare(b.slug))
}
