import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { isRoleName, ROLE_NAMES, ROLE_PLUGINS } from '../core/roles.ts'
import { ComposeEnvError, interpolateDeep } from './compose-env.ts'

import {
  appServices,
  commandOf,
  compileComposeSchema,
  compose,
  composeText,
  dependenciesOf,
  environmentOf,
  exists,
  hostIpOf,
  isProjectImage,
  packageJson,
  root,
  SAMPLE_ENV,
  SECRET_NAME,
  schema,
  services,
} from './compose-fixture.ts'

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
