import type { Inventory } from './inventory.ts'
import { extractRefs } from './promql.ts'
import type { RecordingRule } from './rules.ts'

/** Labels every query may use: the metric name, and `le` of histogram buckets (checked as a series label). */
const ALWAYS = new Set(['__name__'])

/**
 * The problems of one expression against what exists: unknown metrics, matchers on labels the
 * metric does not have, and grouping labels none of the expression's metrics have.
 *
 * @example
 * checkExpression('sum by (route) (rate(http_requests_total[5m]))', inventory) // []
 */
export function checkExpression(expr: string, inventory: Inventory): string[] {
  const refs = extractRefs(expr)
  const problems: string[] = []
  const available = new Set<string>(ALWAYS)
  for (const { metric, labels } of refs.selectors) {
    const known = inventory.get(metric)
    if (!known) {
      problems.push(`unknown metric ${metric}`)
      continue
    }
    for (const label of known) available.add(label)
    for (const label of labels) {
      if (!known.has(label) && !ALWAYS.has(label)) problems.push(`${metric} has no label ${label}`)
    }
  }
  if (refs.selectors.length > 0 && problems.length === 0) {
    for (const label of new Set(refs.groupingLabels)) {
      if (!available.has(label)) problems.push(`grouping label ${label} is on none of its metrics`)
    }
  }
  return problems
}

/**
 * Adds the series recording rules produce: the labels of a top-level `by (...)` aggregation
 * (`le` removed: histogram_quantile consumes it), else every label of the input metrics except
 * `instance` when the rule aggregates it away.
 */
export function withRecordingRules(records: readonly RecordingRule[], inventory: Inventory): Inventory {
  const out: Inventory = new Map(inventory)
  for (const rule of records) {
    const refs = extractRefs(rule.expr)
    const firstBy = /\bby\s*\(([^)]*)\)/.exec(rule.expr)?.[1]
    let labels: string[]
    if (firstBy !== undefined) {
      labels = firstBy
        .split(',')
        .map((l) => l.trim())
        .filter((l) => l && l !== 'le')
    } else {
      const without =
        /\bwithout\s*\(([^)]*)\)/
          .exec(rule.expr)?.[1]
          ?.split(',')
          .map((l) => l.trim()) ?? []
      labels = refs.selectors
        .flatMap(({ metric }) => [...(out.get(metric) ?? [])])
        .filter((l) => !without.includes(l))
    }
    out.set(rule.record, new Set(labels))
  }
  return out
}
