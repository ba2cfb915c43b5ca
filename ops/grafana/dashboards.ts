import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The committed dashboard JSON Grafana provisions. */
export const DASHBOARD_DIR = join(import.meta.dir, 'dashboards')

export interface DashboardQuery {
  dashboard: string
  panel: string
  refId: string
  expr: string
}

type Panel = { title?: string; targets?: { refId?: string; expr?: string }[]; panels?: Panel[] }

/**
 * Every PromQL query of the committed dashboards, with where it is shown.
 *
 * @example
 * committedQueries().find((q) => q.panel === 'Targets up')
 */
export function committedQueries(dir = DASHBOARD_DIR): DashboardQuery[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { title: string; panels: Panel[] }
      const panels = doc.panels.flatMap((p) => [p, ...(p.panels ?? [])])
      return panels.flatMap((panel) =>
        (panel.targets ?? []).map((t) => ({
          dashboard: doc.title,
          panel: panel.title ?? '',
          refId: t.refId ?? '',
          expr: t.expr ?? '',
        })),
      )
    })
}

/** The `label_values(selector, label)` queries of the dashboards' variables. */
export function variableQueries(dir = DASHBOARD_DIR): { selector: string; label: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        templating?: { list: { query?: unknown }[] }
      }
      return (doc.templating?.list ?? []).flatMap((v) => {
        const match = /^label_values\((.+),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)$/.exec(String(v.query ?? ''))
        return match ? [{ selector: match[1]!, label: match[2]! }] : []
      })
    })
}
