import { apiDashboard } from './api.ts'
import { driftDashboard } from './drift.ts'
import { hostDashboard } from './host.ts'
import { predictionsDashboard } from './predictions.ts'
import { trainingDashboard } from './training.ts'

/**
 * Every dashboard, by the file name its JSON is committed under (`ops/grafana/dashboards/`).
 * Grafana loads those files (provisioning); `bun run dashboards` regenerates them and
 * `dashboards.test.ts` fails when they are stale.
 */
export const DASHBOARDS = {
  'api.json': apiDashboard,
  'predictions.json': predictionsDashboard,
  'drift.json': driftDashboard,
  'training.json': trainingDashboard,
  'host.json': hostDashboard,
} as const

/** The JSON Grafana loads, formatted as committed (2-space indent, final newline). */
export function renderDashboard(name: keyof typeof DASHBOARDS): string {
  return `${JSON.stringify(DASHBOARDS[name]().build(), null, 2)}\n`
}
