import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { PROMETHEUS_DIR } from './rules.ts'

/**
 * The end-to-end run's configuration, derived from the shipped files with as few changes as
 * possible: targets point at loopback ports instead of compose service names, and the timings
 * shrink (scrape and evaluation every second, `for` clauses of 2 s, Alertmanager waits of 1 s)
 * so an alert fires within a CI step. Expressions, labels, routes and inhibitions are untouched.
 */

/** A free TCP port on 127.0.0.1 in 20000–39999 (the range this machine's engineers share). */
export function freePort(taken: Set<number> = new Set()): number {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000)
    if (taken.has(port)) continue
    try {
      const listener = Bun.listen({ hostname: '127.0.0.1', port, socket: { data() {} } })
      listener.stop(true)
      taken.add(port)
      return port
    } catch {
      // in use: try another
    }
  }
  throw new Error('no free port in 20000-39999')
}

export type Ports = Record<
  'api' | 'ui' | 'prometheus' | 'alertmanager' | 'node' | 'pushgateway' | 'webhook',
  number
>

/** Compose service address → loopback address of the process started for it. */
function targetMap(ports: Ports): Record<string, string> {
  return {
    'api:8080': `127.0.0.1:${ports.api}`,
    'ui:8080': `127.0.0.1:${ports.ui}`,
    'pushgateway:9091': `127.0.0.1:${ports.pushgateway}`,
    'node-exporter:9100': `127.0.0.1:${ports.node}`,
    'alertmanager:9093': `127.0.0.1:${ports.alertmanager}`,
    'localhost:9090': `127.0.0.1:${ports.prometheus}`,
  }
}

type StaticConfig = { targets: string[]; labels?: Record<string, string> }
type PromConfig = {
  global: Record<string, unknown>
  rule_files: string[]
  alerting: { alertmanagers: { static_configs: StaticConfig[] }[] }
  scrape_configs: { job_name: string; static_configs: StaticConfig[] }[]
}

/**
 * Writes prometheus.yml and the rule files (with `for: 2s`) into `dir`; returns the config path.
 *
 * @throws Error when the shipped config names a target this run does not start.
 */
export function writePrometheusConfig(dir: string, ports: Ports): string {
  const config = parse(readFileSync(join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8')) as PromConfig
  const map = targetMap(ports)
  const rewrite = (sc: StaticConfig) => {
    sc.targets = sc.targets.map((t) => {
      const local = map[t]
      if (!local) throw new Error(`prometheus.yml target ${t} has no end-to-end counterpart`)
      return local
    })
  }
  config.global = { ...config.global, scrape_interval: '1s', evaluation_interval: '1s' }
  for (const am of config.alerting.alertmanagers) am.static_configs.forEach(rewrite)
  for (const job of config.scrape_configs) job.static_configs.forEach(rewrite)
  const rulesDir = join(PROMETHEUS_DIR, 'rules')
  config.rule_files = readdirSync(rulesDir)
    .filter((f) => f.endsWith('.yml'))
    .map((file) => {
      const doc = parse(readFileSync(join(rulesDir, file), 'utf8')) as {
        groups: { rules: { for?: string }[] }[]
      }
      for (const rule of doc.groups.flatMap((g) => g.rules)) if (rule.for) rule.for = '2s'
      const out = join(dir, `rules-${file}`)
      writeFileSync(out, stringify(doc))
      return out
    })
  const path = join(dir, 'prometheus.yml')
  writeFileSync(path, stringify(config))
  return path
}

type Route = { group_wait?: string; group_interval?: string; repeat_interval?: string; routes?: Route[] }

/** Writes the Alertmanager template with 1 s group waits (the URL is still filled by entrypoint.sh). */
export function writeAlertmanagerTemplate(dir: string): string {
  const doc = parse(
    readFileSync(join(import.meta.dir, '..', 'alertmanager', 'alertmanager.yml'), 'utf8'),
  ) as { route: Route }
  const shrink = (route: Route) => {
    route.group_wait = '1s'
    route.group_interval = '1s'
    for (const child of route.routes ?? []) shrink(child)
  }
  shrink(doc.route)
  const path = join(dir, 'alertmanager.template.yml')
  writeFileSync(path, stringify(doc))
  return path
}
