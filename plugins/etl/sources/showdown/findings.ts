/**
 * What an extraction noticed but did not stop for: rows it could not use (`rejects`) and facts
 * worth a human look (`warnings`).
 *
 * Why collect rather than throw: one odd row must not cost the other 187 Pokémon; the ETL report
 * shows every finding with a locator (the Showdown id) so it can be fixed at the source.
 */
import type { Reject } from '../../model.ts'

export interface Findings {
  rejects: Reject[]
  warnings: string[]
}

/**
 * Records a row this source could not use.
 *
 * @example
 * rejectRow(findings, 'moves.zippyzap', 'Electric', 'unknown type') // always returns undefined
 */
export function rejectRow(findings: Findings, locator: string, raw: string, reason: string): undefined {
  findings.rejects.push({ source: 'showdown', locator, raw, reason })
  return undefined
}
