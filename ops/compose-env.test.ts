import { describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ComposeEnvError,
  findVariableRefs,
  interpolate,
  interpolateDeep,
  missingRequired,
  parseEnvFile,
} from './compose-env.ts'

import {
  compose,
  composeText,
  envExampleText,
  environmentOf,
  exists,
  MONITORING,
  parseDotEnv,
  root,
  SAMPLE_ENV,
  SECRET_NAME,
} from './compose-fixture.ts'

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
