import { describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv from 'ajv'
import { parse } from 'yaml'
import { isRoleName, ROLE_NAMES, ROLE_PLUGINS } from '../core/roles.ts'
import {
  ComposeEnvError,
  findVariableRefs,
  interpolate,
  interpolateDeep,
  missingRequired,
  parseEnvFile,
} from './compose-env.ts'

// Checks docker-compose.yml without a Docker engine: the compose-spec schema, then the project's
// own rules (roles, commands, loopback-only ports, secrets only from the environment, health
// checks and start order). Debian's docker-compose, when installed, validates it a second time.

type Service = {
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
type ComposeFile = { version?: string; services: Record<string, Service>; volumes?: Record<string, unknown> }

const root = join(import.meta.dir, '..')
const composeText = await Bun.file(join(root, 'docker-compose.yml')).text()
const compose = parse(composeText, { merge: true }) as ComposeFile
const services = Object.entries(compose.services)
const packageJson = (await Bun.file(join(root, 'package.json')).json()) as { scripts: Record<string, string> }
const envExampleText = await Bun.file(join(root, '.env.example')).text()
const schema = (await Bun.file(join(import.meta.dir, 'compose-spec.schema.json')).json()) as Record<
  string,
  unknown
>

/** Values for the variables the file requires, so it can be interpolated as compose would. */
const SAMPLE_ENV = {
  POSTGRES_PASSWORD: 'sample-pw',
  API_KEYS: 'sample-key',
  GRAFANA_ADMIN_PASSWORD: 'sample-grafana-pw',
  ALERT_WEBHOOK_URL: 'https://alerts.example.invalid/hook',
}
const MONITORING = ['prometheus', 'alertmanager', 'grafana', 'node-exporter', 'pushgateway']
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|API_KEYS?$|PRIVATE_KEY/i

function compileComposeSchema() {
  // The vendored schema names draft-07 by an https URI Ajv does not register; the content is
  // plain draft-07, Ajv's default. Union types (`["string", "number"]`) are intended there.
  const { $schema: _draft, ...body } = schema
  return new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false }).compile(body)
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {}
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]))
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]))
}

function commandOf(service: Service): string[] {
  const command = service.command ?? []
  return typeof command === 'string' ? command.split(/\s+/) : command
}

function dependenciesOf(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {}
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']))
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]))
}

/** Host address of a published port, or undefined when it binds every interface. */
function hostIpOf(port: NonNullable<Service['ports']>[number]): string | undefined {
  if (typeof port === 'object') return port.host_ip
  const parts = String(port).split(':')
  return parts.length === 3 ? parts[0] : undefined
}

/** Parses KEY=value lines; commented `# KEY=value` lines count as documented, not set. */
function parseDotEnv(text: string) {
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

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )
const isProjectImage = (service: Service) => service.build !== undefined
const appServices = services.filter(([, service]) => isProjectImage(service))

describe('docker-compose.yml', () => {
  test('is valid against the compose-spec schema, which rejects a broken copy', () => {
    const validate = compileComposeSchema()
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true)
    const broken = structuredClone(compose)
    broken.services.api = { ...broken.services.api, depends_on: { db: { condition: 'service_ready' } } }
    expect(validate(broken)).toBe(false)
  })

  test('uses the compose spec: no obsolete version key', () => {
    expect(compose.version).toBeUndefined()
    expect(composeText).not.toMatch(/^version:/m)
  })

  test('runs etl, trainer, api and ui from the project image with a known role and a real script', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['api', 'etl', 'trainer', 'ui'])
    for (const [name, service] of appServices) {
      const role = environmentOf(service).KERNEL_ROLE ?? ''
      expect(ROLE_NAMES as readonly string[], `${name} KERNEL_ROLE`).toContain(role)
      const [bun, run, script] = commandOf(service)
      expect([bun, run], `${name} command`).toEqual(['bun', 'run'])
      expect(Object.keys(packageJson.scripts), `${name} runs a package.json script`).toContain(script ?? '')
    }
    expect(environmentOf(compose.services.etl!).KERNEL_ROLE).toBe('etl')
    expect(environmentOf(compose.services.api!).KERNEL_ROLE).toBe('api')
    expect(environmentOf(compose.services.ui!).KERNEL_ROLE).toBe('ui')
    expect(environmentOf(compose.services.trainer!).KERNEL_ROLE).toBe('trainer')
  })

  test('stage commands name a plugin that exists and that the service role loads', async () => {
    const stageServices = appServices.filter(([, service]) => commandOf(service)[2] === 'stage')
    expect(stageServices.length).toBeGreaterThan(0)
    for (const [name, service] of stageServices) {
      const plugin = (commandOf(service)[3] ?? '').split(':')[0] ?? ''
      expect(plugin, `${name} stage target`).toMatch(/^[a-z][a-z0-9-]*$/)
      expect(await exists(join(root, 'plugins', plugin)), `plugins/${plugin}/`).toBe(true)
      const role = environmentOf(service).KERNEL_ROLE ?? ''
      expect(isRoleName(role) ? ROLE_PLUGINS[role] : [], `role ${role} loads ${plugin}`).toContain(plugin)
    }
  })

  test('publishes every port on 127.0.0.1 only, whatever the port variables say', () => {
    const withDefaults = interpolateDeep(compose, SAMPLE_ENV)
    const withCustomPorts = interpolateDeep(compose, { ...SAMPLE_ENV, API_PORT: '9000', UI_PORT: '9001' })
    for (const file of [withDefaults, withCustomPorts]) {
      for (const [name, service] of Object.entries(file.services)) {
        for (const port of service.ports ?? [])
          expect(hostIpOf(port), `${name} port ${port}`).toBe('127.0.0.1')
      }
    }
    expect(withDefaults.services.api?.ports).toEqual(['127.0.0.1:8080:8080'])
    expect(withCustomPorts.services.ui?.ports).toEqual(['127.0.0.1:9001:8080'])
    expect(compose.services.db?.ports).toBeUndefined()
  })

  test('takes every secret from a required variable: no literal, no default', () => {
    for (const [name, service] of services) {
      for (const [key, value] of Object.entries(environmentOf(service))) {
        if (SECRET_NAME.test(key)) {
          expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_][A-Z0-9_]*:\?[^}]*\}$/)
        }
        // Credentials inside URLs (postgres://user:password@host) follow the same rule.
        const password = /:\/\/[^:/@\s]+:([^@\s]+)@/.exec(value)?.[1]
        if (password !== undefined)
          expect(password, `${name}.${key} password`).toMatch(/^\$\{[A-Z_0-9]+:\?[^}]*\}$/)
      }
    }
  })

  test('refuses to interpolate without each required secret (POSTGRES_PASSWORD, API_KEYS, Grafana, webhook)', () => {
    for (const missing of Object.keys(SAMPLE_ENV)) {
      const env: Record<string, string> = { ...SAMPLE_ENV, [missing]: '' }
      expect(() => interpolateDeep(compose, env)).toThrow(ComposeEnvError)
    }
  })

  test('builds DATABASE_URL from the credentials the db service is given', () => {
    const env = { ...SAMPLE_ENV, POSTGRES_USER: 'u1', POSTGRES_DB: 'd1' }
    const resolved = interpolateDeep(compose, env)
    const db = environmentOf(resolved.services.db!)
    for (const [name, service] of appServices) {
      const url = new URL(environmentOf(resolved.services[name] ?? service).DATABASE_URL ?? '')
      expect(url.protocol, name).toBe('postgres:')
      expect([url.username, url.password, url.host, url.pathname], name).toEqual([
        db.POSTGRES_USER ?? '',
        db.POSTGRES_PASSWORD ?? '',
        'db:5432',
        `/${db.POSTGRES_DB}`,
      ])
    }
    expect(db).toMatchObject({ POSTGRES_USER: 'u1', POSTGRES_PASSWORD: 'sample-pw', POSTGRES_DB: 'd1' })
  })

  test('health-checks db (pg_isready) and api/ui (/readyz); the one-shot etl opts out', () => {
    const testOf = (name: string) => {
      const check = compose.services[name]?.healthcheck
      expect(check?.disable, `${name} healthcheck enabled`).not.toBe(true)
      return [check?.test ?? []].flat().join(' ')
    }
    expect(testOf('db')).toContain('pg_isready')
    expect(testOf('api')).toContain('/readyz')
    expect(testOf('ui')).toContain('/readyz')
    expect(testOf('prometheus')).toContain('/-/ready')
    expect(testOf('alertmanager')).toContain('/-/ready')
    expect(testOf('pushgateway')).toContain('/-/ready')
    expect(testOf('grafana')).toContain('/api/health')
    expect(testOf('node-exporter')).toContain('/metrics')
    expect(compose.services.etl?.healthcheck?.disable).toBe(true)
  })

  test('starts in order: db healthy, then etl, then the trainer (with MLflow up), then api and ui', () => {
    // The batch jobs push their runs: the Pushgateway must be up before they start.
    expect(dependenciesOf(compose.services.etl!)).toEqual({
      db: 'service_healthy',
      pushgateway: 'service_healthy',
    })
    expect(dependenciesOf(compose.services.trainer!)).toEqual({
      etl: 'service_completed_successfully',
      mlflow: 'service_healthy',
      pushgateway: 'service_healthy',
    })
    for (const name of ['api', 'ui']) {
      expect(dependenciesOf(compose.services[name]!), name).toEqual({
        db: 'service_healthy',
        etl: 'service_completed_successfully',
        trainer: 'service_completed_successfully',
      })
    }
    expect(compose.services.etl?.restart).toBe('no')
    expect(compose.services.trainer?.restart).toBe('no')
    // compose interpolation syntax, not a JS template: default true, overridable from .env
    expect(environmentOf(compose.services.trainer!).ML_SKIP_IF_EXISTS).toBe(
      ['$', '{ML_SKIP_IF_EXISTS:-true}'].join(''),
    )
  })

  test('every depends_on condition can be met by its target', () => {
    for (const [name, service] of services) {
      for (const [target, condition] of Object.entries(dependenciesOf(service))) {
        const dependency = compose.services[target]
        expect(dependency, `${name} depends on ${target}`).toBeDefined()
        if (condition === 'service_healthy')
          expect(dependency?.healthcheck?.test, `${target} check`).toBeDefined()
        // A job that restarts never "completes successfully" for its dependants.
        if (condition === 'service_completed_successfully') expect(dependency?.restart ?? 'no').toBe('no')
      }
    }
  })

  test('pins third-party images to a concrete version and keeps DATA_DIR on a named volume', () => {
    for (const [name, service] of services) {
      if (isProjectImage(service)) continue
      expect(service.image, name).toMatch(/^[a-z0-9./-]+:v?\d+(\.\d+)+[\w.-]*$/)
    }
    expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['pgdata', 'data', 'models']))
  })
})

describe('monitoring services', () => {
  test('prometheus, alertmanager, grafana, node-exporter and pushgateway run with configs mounted from ops/', async () => {
    for (const name of MONITORING) expect(compose.services[name], name).toBeDefined()
    const mounts = MONITORING.flatMap((name) =>
      (compose.services[name]?.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => v.split(':')),
    )
    expect(mounts.map(([from]) => from).sort()).toEqual(
      [
        './ops/alertmanager',
        './ops/grafana/dashboards',
        './ops/grafana/provisioning',
        './ops/prometheus',
      ].sort(),
    )
    for (const [from, , mode] of mounts) {
      expect(await exists(join(root, from!)), from).toBe(true)
      expect(mode, `${from} read-only`).toBe('ro')
    }
    expect(await exists(join(root, 'ops/prometheus/prometheus.yml'))).toBe(true)
    expect(await exists(join(root, 'ops/alertmanager/entrypoint.sh'))).toBe(true)
  })

  test('the batch roles push to the Pushgateway; Prometheus scrapes the names compose gives the services', async () => {
    expect(environmentOf(compose.services.etl!).PUSHGATEWAY_URL).toBe('http://pushgateway:9091')
    expect(environmentOf(compose.services.trainer!).PUSHGATEWAY_URL).toBe('http://pushgateway:9091')
    const prometheusYml = await Bun.file(join(root, 'ops/prometheus/prometheus.yml')).text()
    const targets = [...prometheusYml.matchAll(/"([a-z-]+):(\d+)"/g)].map((m) => [m[1], m[2]])
    for (const [host, port] of targets) {
      if (host === 'localhost') continue
      expect(Object.keys(compose.services), `${host} is a compose service`).toContain(host ?? '')
      expect(['8080', '9093', '9091', '9100']).toContain(port ?? '')
    }
  })

  test('Grafana has no usable default password: admin password required, sign-up and anonymous access off', () => {
    const env = environmentOf(compose.services.grafana!)
    expect(env.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?[^}]+\}$/)
    expect(env.GF_USERS_ALLOW_SIGN_UP).toBe('false')
    expect(env.GF_AUTH_ANONYMOUS_ENABLED).toBe('false')
    expect(environmentOf(compose.services.alertmanager!).ALERT_WEBHOOK_URL).toMatch(
      /^\$\{ALERT_WEBHOOK_URL:\?/,
    )
  })

  test('publishes Prometheus, Alertmanager, Grafana and the Pushgateway on 127.0.0.1 only; node-exporter not at all', () => {
    const resolved = interpolateDeep(compose, {
      ...SAMPLE_ENV,
      PROMETHEUS_PORT: '19090',
      GRAFANA_PORT: '13000',
      ALERTMANAGER_PORT: '19093',
      PUSHGATEWAY_PORT: '19091',
    })
    expect(resolved.services.prometheus?.ports).toEqual(['127.0.0.1:19090:9090'])
    expect(resolved.services.grafana?.ports).toEqual(['127.0.0.1:13000:3000'])
    expect(resolved.services.alertmanager?.ports).toEqual(['127.0.0.1:19093:9093'])
    expect(resolved.services.pushgateway?.ports).toEqual(['127.0.0.1:19091:9091'])
    expect(resolved.services['node-exporter']?.ports).toBeUndefined()
  })
})

describe('vendored compose-spec schema', () => {
  test('is the unmodified file whose source and checksum ops/README.md records', async () => {
    const readme = await Bun.file(join(import.meta.dir, 'README.md')).text()
    const recorded = /sha256\s+`([0-9a-f]{64})`/.exec(readme)?.[1]
    const bytes = await Bun.file(join(import.meta.dir, 'compose-spec.schema.json')).arrayBuffer()
    expect(new Bun.CryptoHasher('sha256').update(bytes).digest('hex')).toBe(
      recorded ?? 'no checksum in README',
    )
    expect(schema.title).toBe('Compose Specification')
  })
})

describe('.env.example', () => {
  const { set, documented } = parseDotEnv(envExampleText)

  test('documents every variable docker-compose.yml reads and sets every required one', () => {
    const refs = findVariableRefs(composeText)
    for (const ref of refs) expect([...documented], `${ref.name} documented`).toContain(ref.name)
    for (const ref of refs.filter((r) => r.operator === ':?')) expect(Object.keys(set)).toContain(ref.name)
  })

  test('as shipped, leaves exactly the secrets to choose empty, and interpolation names each one', () => {
    const missing = findVariableRefs(composeText)
      .filter((r) => r.operator === ':?' && !set[r.name])
      .map((r) => r.name)
    expect([...new Set(missing)].sort()).toEqual([
      'ALERT_WEBHOOK_URL',
      'API_KEYS',
      'GRAFANA_ADMIN_PASSWORD',
      'POSTGRES_PASSWORD',
    ])
    for (const name of new Set(missing)) {
      const env = { ...set, ...SAMPLE_ENV, [name]: '' }
      expect(() => interpolateDeep(compose, env), name).toThrow(new RegExp(name))
    }
    expect(() => interpolateDeep(compose, { ...set, ...SAMPLE_ENV })).not.toThrow()
  })

  test('holds no password at all: a copied .env.example has no usable default secret', () => {
    expect(set.POSTGRES_PASSWORD).toBe('')
    expect(set.API_KEYS).toBe('')
    for (const [key, value] of Object.entries(set)) {
      if (SECRET_NAME.test(key)) expect(value, key).toBe('')
    }
  })

  test('check-env names every missing setting at once, and accepts the file once they are filled in', () => {
    expect(missingRequired(composeText, parseEnvFile(envExampleText)).map((m) => m.name)).toEqual([
      'POSTGRES_PASSWORD',
      'API_KEYS',
      'ALERT_WEBHOOK_URL',
      'GRAFANA_ADMIN_PASSWORD',
    ])
    const dir = mkdtempSync(join(tmpdir(), 'pdex-check-env-'))
    try {
      const shipped = Bun.spawnSync(
        ['bun', join(import.meta.dir, 'check-env.ts'), join(root, '.env.example')],
        {
          stderr: 'pipe',
        },
      )
      expect(shipped.exitCode).toBe(1)
      const said = shipped.stderr.toString()
      for (const name of Object.keys(SAMPLE_ENV)) expect(said).toContain(`  ${name}: set ${name} in .env`)
      const filled = join(dir, 'filled.env')
      writeFileSync(filled, filledEnvExample())
      const accepted = Bun.spawnSync(['bun', join(import.meta.dir, 'check-env.ts'), filled], {
        stderr: 'pipe',
      })
      expect(accepted.stderr.toString()).toBe('')
      expect(accepted.exitCode).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('compose interpolation', () => {
  test('applies defaults, escapes and required markers as compose does', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose syntax, not a JS template
    expect(interpolate('${A:-x}|${A-y}|$$A|$B', { A: '', B: 'b' })).toBe('x||$A|b')
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose syntax, not a JS template
    expect(interpolate('${A?must}', { A: '' })).toBe('')
    const error = (() => {
      try {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose syntax, not a JS template
        interpolate('${A:?set A please}', {})
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ComposeEnvError)
    expect(error).toMatchObject({ code: 'COMPOSE_ENV_REQUIRED', variable: 'A', message: 'set A please' })
  })
})

// Debian's docker-compose 1.29 validates without a daemon (`apt-get install -y
// --no-install-recommends docker-compose`; .ci/run installs it, so CI never skips this).
const dockerCompose = Bun.which('docker-compose')
test('docker-compose is installed where CI runs', () => {
  if (process.env.CI) expect(dockerCompose, 'docker-compose on PATH').not.toBeNull()
})
test.skipIf(!dockerCompose)(
  'docker-compose config refuses .env.example as shipped, naming a secret, and accepts it filled in',
  () => {
    // Two runs of ~3 s each: compose names only the first missing secret it meets, so naming
    // each one is check-env's job (tested above).
    const config = (envFile: string) =>
      Bun.spawnSync(
        [
          dockerCompose as string,
          '--env-file',
          envFile,
          '-f',
          join(root, 'docker-compose.yml'),
          'config',
          '-q',
        ],
        { stderr: 'pipe' },
      )
    const refused = config(join(root, '.env.example'))
    expect(refused.exitCode).not.toBe(0)
    expect(refused.stderr.toString()).toMatch(
      /set (POSTGRES_PASSWORD|API_KEYS|GRAFANA_ADMIN_PASSWORD|ALERT_WEBHOOK_URL) in \.env/,
    )
    const dir = mkdtempSync(join(tmpdir(), 'pdex-compose-'))
    try {
      const filled = join(dir, 'filled.env')
      writeFileSync(filled, filledEnvExample())
      const accepted = config(filled)
      expect(accepted.stderr.toString()).toBe('')
      expect(accepted.exitCode).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
  60_000,
)

/** .env.example with each of its empty required secrets set to a sample value. */
function filledEnvExample(): string {
  return envExampleText.replace(
    /^(POSTGRES_PASSWORD|API_KEYS|GRAFANA_ADMIN_PASSWORD|ALERT_WEBHOOK_URL)=$/gm,
    (_, k: string) => `${k}=${SAMPLE_ENV[k as keyof typeof SAMPLE_ENV]}`,
  )
}
