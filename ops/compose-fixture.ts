/**
 * What the compose tests share: docker-compose.yml and .env.example as parsed, the compose-spec
 * schema, and small readers of a service (environment, command, dependencies, published host).
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import Ajv from 'ajv'
import { parse } from 'yaml'
// Checks docker-compose.yml without a Docker engine: the compose-spec schema, then the project's
// own rules (roles, commands, loopback-only ports, secrets only from the environment, health
// checks and start order). Debian's docker-compose, when installed, validates it a second time.

export type Service = {
  image?: string
  volumes?: string[]
  build?: unknown
  command?: string | string[]
  environment?: Record<string, string | number | boolean | null> | string[]
  ports?: (string | number | { host_ip?: string; published?: string | number })[]
  depends_on?: string[] | Record<string, { condition: string }>
  healthcheck?: { test?: string | string[]; disable?: boolean }
  restart?: string
}
export type ComposeFile = {
  version?: string
  services: Record<string, Service>
  volumes?: Record<string, unknown>
}

export const root = join(import.meta.dir, '..')
export const composeText = await Bun.file(join(root, 'docker-compose.yml')).text()
export const compose = parse(composeText, { merge: true }) as ComposeFile
export const services = Object.entries(compose.services)
export const packageJson = (await Bun.file(join(root, 'package.json')).json()) as {
  scripts: Record<string, string>
}
export const envExampleText = await Bun.file(join(root, '.env.example')).text()
export const schema = (await Bun.file(join(import.meta.dir, 'compose-spec.schema.json')).json()) as Record<
  string,
  unknown
>

/** Values for the variables the file requires, so it can be interpolated as compose would. */
export const SAMPLE_ENV = {
  POSTGRES_PASSWORD: 'sample-pw',
  API_KEYS: 'sample-key',
  GRAFANA_ADMIN_PASSWORD: 'sample-grafana-pw',
  ALERT_WEBHOOK_URL: 'https://alerts.example.invalid/hook',
}
export const MONITORING = ['prometheus', 'alertmanager', 'grafana', 'node-exporter', 'pushgateway']
export const SECRET_NAME = /PASSWORD|SECRET|TOKEN|API_KEYS?$|PRIVATE_KEY/i

export function compileComposeSchema() {
  // The vendored schema names draft-07 by an https URI Ajv does not register; the content is
  // plain draft-07, Ajv's default. Union types (`["string", "number"]`) are intended there.
  const { $schema: _draft, ...body } = schema
  return new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false }).compile(body)
}

export function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {}
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]))
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]))
}

export function commandOf(service: Service): string[] {
  const command = service.command ?? []
  return typeof command === 'string' ? command.split(/\s+/) : command
}

export function dependenciesOf(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {}
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']))
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]))
}

/** Host address of a published port, or undefined when it binds every interface. */
export function hostIpOf(port: NonNullable<Service['ports']>[number]): string | undefined {
  if (typeof port === 'object') return port.host_ip
  const parts = String(port).split(':')
  return parts.length === 3 ? parts[0] : undefined
}

/** Parses KEY=value lines; commented `# KEY=value` lines count as documented, not set. */
export function parseDotEnv(text: string) {
  const set: Record<string, string> = {}
  const documented = new Set<string>()
  for (const line of text.split('\n')) {
    const match = /^(#\s*)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim())
    if (!match?.[2]) continue
    documented.add(match[2])
    if (!match[1]) set[match[2]] = match[3] ?? ''
  }
  return { set, documented }
}

export const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )
export const isProjectImage = (service: Service) => service.build !== undefined
export const appServices = services.filter(([, service]) => isProjectImage(service))
