/**
 * Records which metrics (and label names) Debian's node-exporter and Pushgateway expose, into
 * `exporters.inventory.json`, so the PromQL inventory test runs without those programs. The
 * end-to-end run (e2e.ts) checks the dashboards against the live programs, which catches a stale
 * recording. Run after upgrading them: `bun ops/monitoring/record-exporters.ts`.
 */
import { join } from 'node:path'
import { inventoryToJson, mergeInventories, parseExposition } from './inventory.ts'
import { startProgram, waitForHttp } from './processes.ts'

const port = (base: number) => base + Math.floor(Math.random() * 1000)
const nodePort = port(31000)
const gatewayPort = port(32000)
const node = startProgram('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${nodePort}`])
const gateway = startProgram('prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${gatewayPort}`])
try {
  await waitForHttp(`http://127.0.0.1:${nodePort}/metrics`)
  await waitForHttp(`http://127.0.0.1:${gatewayPort}/metrics`)
  // One push, so the Pushgateway's per-group metrics (push_time_seconds…) exist.
  await fetch(`http://127.0.0.1:${gatewayPort}/metrics/job/recording/stage/sample`, {
    method: 'POST',
    body: 'sample_metric 1\n',
  })
  const nodeText = await (await fetch(`http://127.0.0.1:${nodePort}/metrics`)).text()
  const gatewayText = await (await fetch(`http://127.0.0.1:${gatewayPort}/metrics`)).text()
  const gatewayInventory = parseExposition(gatewayText)
  gatewayInventory.delete('sample_metric')
  const json = {
    'node-exporter': inventoryToJson(parseExposition(nodeText)),
    pushgateway: inventoryToJson(mergeInventories(gatewayInventory)),
  }
  await Bun.write(join(import.meta.dir, 'exporters.inventory.json'), `${JSON.stringify(json, null, 1)}\n`)
  console.log(
    `recorded ${Object.keys(json['node-exporter']).length} node-exporter and ${Object.keys(json.pushgateway).length} pushgateway metrics`,
  )
} finally {
  await node.stop()
  await gateway.stop()
}
