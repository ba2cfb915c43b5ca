/**
 * Which series exist, as metric name → label names: read from real `/metrics` output, from the
 * batch gauges the code declares, and from recorded exporter output. PromQL in rules and
 * dashboards is checked against it (promql-inventory.test.ts).
 */
export type Inventory = Map<string, Set<string>>

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+\S+/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g

/**
 * Reads the Prometheus text format: every sample line's metric name and label names.
 *
 * @example
 * parseExposition('up{job="x"} 1').get('up') // Set { 'job' }
 */
export function parseExposition(text: string, into: Inventory = new Map()): Inventory {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    const match = SAMPLE.exec(line)
    if (!match) continue
    const labels = into.get(match[1]!) ?? new Set<string>()
    for (const label of (match[3] ?? '').matchAll(LABEL)) labels.add(label[1]!)
    into.set(match[1]!, labels)
  }
  return into
}

/** Adds `labels` to every metric of `inventory` (labels Prometheus attaches at scrape time). */
export function withLabels(inventory: Inventory, labels: readonly string[]): Inventory {
  return new Map([...inventory].map(([name, set]) => [name, new Set([...set, ...labels])]))
}

/** Union of inventories. */
export function mergeInventories(...inventories: Inventory[]): Inventory {
  const out: Inventory = new Map()
  for (const inventory of inventories) {
    for (const [name, labels] of inventory) out.set(name, new Set([...(out.get(name) ?? []), ...labels]))
  }
  return out
}

/** JSON form for recorded fixtures: `{ metric: [labels…] }`, sorted so diffs stay readable. */
export function inventoryToJson(inventory: Inventory): Record<string, string[]> {
  return Object.fromEntries(
    [...inventory].sort(([a], [b]) => a.localeCompare(b)).map(([name, labels]) => [name, [...labels].sort()]),
  )
}

export function inventoryFromJson(json: Record<string, readonly string[]>): Inventory {
  return new Map(Object.entries(json).map(([name, labels]) => [name, new Set(labels)]))
}
