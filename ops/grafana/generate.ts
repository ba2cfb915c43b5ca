/**
 * `bun run dashboards`: writes every dashboard's JSON into ops/grafana/dashboards/ (committed;
 * Grafana provisions them; dashboards.test.ts fails when one is stale).
 */
import { join } from 'node:path'
import { DASHBOARDS, renderDashboard } from './src/index.ts'

for (const name of Object.keys(DASHBOARDS) as (keyof typeof DASHBOARDS)[]) {
  await Bun.write(join(import.meta.dir, 'dashboards', name), renderDashboard(name))
  console.log(`ops/grafana/dashboards/${name}`)
}
