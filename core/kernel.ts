import type { OpenAPIHono } from '@hono/zod-openapi'
import { type CoreConfig, coreConfigSchema, readConfig } from './config.ts'
import { type Migration, migrate } from './db/migrate.ts'
import { describeDatabase, openDatabase } from './db/open.ts'
import type { Db } from './db/port.ts'
import { describeError, KernelError } from './errors.ts'
import { orderPlugins } from './graph.ts'
import { mountHealth } from './health.ts'
import { createHttp } from './http.ts'
import { createLogger, type Logger } from './log.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import type { PluginDefinition, ReadinessCheck } from './plugin.ts'
import { createStagePusher } from './pushgateway.ts'
import { createServiceRegistry } from './services.ts'
import { createStageRegistry, type StageRegistry } from './stages.ts'

export interface KernelOptions {
  plugins: readonly PluginDefinition<any>[]
  role: string
  /** Environment to read config from (the CLI passes `process.env`; tests pass an object). */
  env: Record<string, string | undefined>
  /** Migrations of every known plugin (so shared tables exist in every role); default: the loaded plugins'. */
  migrations?: readonly Migration[]
  logger?: Logger
  /** Per-hook budget for `onStop`. */
  stopTimeoutMs?: number
  /** Skip prom-client's process metrics (tests). */
  defaultMetrics?: boolean
}

/** A booted kernel: plugins set up, registries frozen, not yet started. */
export interface Kernel {
  readonly role: string
  readonly config: Readonly<CoreConfig>
  readonly log: Logger
  readonly db: Db
  readonly metrics: Metrics
  readonly app: OpenAPIHono
  readonly stages: StageRegistry
  readonly services: ReadonlyMap<string, unknown>
  /** What `bun run start` runs before serving, when needed (see `Lifecycle.bootstrap`). */
  readonly bootstraps: readonly Bootstrap[]
  /** Names of the loaded plugins in setup order. */
  readonly plugins: readonly string[]
  start(): Promise<void>
  /** Runs the plugins' `onServe` hooks in the background (failures are logged): call once listening. */
  serving(): void
  stop(): Promise<void>
}

export type Bootstrap = { plugin: string; selector: string; needed: () => Promise<boolean> }
type Hook = { plugin: string; fn: () => Promise<void> | void }

/**
 * Boots a kernel: reads and validates config for the loaded plugins (all problems at once),
 * validates the requires/provides graph, opens and migrates the database, runs each plugin's
 * `setup` in graph order, then freezes every registry.
 *
 * @throws KernelError with codes `CONFIG_INVALID`, `KERNEL_SERVICE_MISSING`, `KERNEL_PLUGIN_DUPLICATE`,
 * `KERNEL_CYCLE`, `KERNEL_SETUP_FAILED`, `MIGRATION_FAILED`.
 * @example
 * const kernel = await createKernel({ plugins: [etlPlugin, apiPlugin], role: 'api', env: process.env })
 * await kernel.start()
 */
export async function createKernel(options: KernelOptions): Promise<Kernel> {
  const ordered = orderPlugins(options.plugins, options.role)
  const { values } = readConfig(options.env, [
    { prefix: '', schema: coreConfigSchema },
    ...ordered.filter((p) => p.config).map((p) => ({ prefix: p.name, schema: p.config! })),
  ])
  const config = values[''] as CoreConfig
  const format = config.logFormat === 'auto' ? (process.stderr.isTTY ? 'pretty' : 'json') : config.logFormat
  const log = options.logger ?? createLogger({ level: config.logLevel, format }, { role: options.role })
  const metrics = createMetrics(options.role, { defaultMetrics: options.defaultMetrics ?? true })
  const http = createHttp({ log: log.child({ plugin: 'http' }), metrics, version: '0.1.0' })
  const stages = createStageRegistry(
    config.pushgatewayUrl
      ? { onFinished: createStagePusher({ url: config.pushgatewayUrl, role: options.role, log }) }
      : {},
  )
  const services = createServiceRegistry()
  const starts: Hook[] = []
  const stops: Hook[] = []
  const serves: Hook[] = []
  const checks = new Map<string, ReadinessCheck>()
  const bootstraps: Bootstrap[] = []

  const db = openDatabase(config)
  log.debug('database', { target: describeDatabase(config) })
  checks.set('database', async () => {
    await db.sql`SELECT 1 AS ok`
    return true
  })
  mountHealth(
    http.app,
    () => checks,
    (check, error) => log.warn('readiness check failed', { check, error: describeError(error) }),
  )
  try {
    const applied = await migrate(db, options.migrations ?? ordered.flatMap((p) => p.migrations ?? []))
    if (applied.length > 0) log.info('migrations applied', { count: applied.length, ids: applied })
    for (const plugin of ordered) {
      const name = plugin.name
      const plog = log.child({ plugin: name })
      try {
        await plugin.setup({
          name,
          config: values[name] ?? {},
          core: config,
          role: options.role,
          log: plog,
          db,
          metrics,
          http: http.registrar(name),
          stages: {
            add: (...list) => {
              for (const s of list) stages.add(name, s)
            },
          },
          services: services.scoped(name, {
            provides: (plugin.provides ?? []).map((r) => r.id),
            requires: (plugin.requires ?? []).map((r) => r.id),
          }),
          lifecycle: {
            onStart: (fn) => starts.push({ plugin: name, fn }),
            onStop: (fn) => stops.push({ plugin: name, fn }),
            onServe: (fn) => serves.push({ plugin: name, fn }),
            readiness: (check, fn) => checks.set(`${name}.${check}`, fn),
            bootstrap: (selector, needed) => bootstraps.push({ plugin: name, selector, needed }),
          },
        })
      } catch (cause) {
        if (cause instanceof KernelError && cause.plugin === name) throw cause
        throw new KernelError('KERNEL_SETUP_FAILED', `${name} setup failed: ${describeError(cause)}`, {
          plugin: name,
          cause,
        })
      }
      for (const ref of plugin.provides ?? []) {
        if (!services.all.has(ref.id)) {
          throw new KernelError(
            'KERNEL_SERVICE_NOT_PROVIDED',
            `${name} declares ${ref.id} but did not provide it`,
            {
              plugin: name,
            },
          )
        }
      }
    }
  } catch (error) {
    await db.close()
    throw error
  }
  http.freeze()
  stages.freeze()
  metrics.freeze()

  let stopping: Promise<void> | undefined
  return {
    role: options.role,
    config,
    log,
    db,
    metrics,
    app: http.app,
    stages,
    services: services.all,
    plugins: ordered.map((p) => p.name),
    bootstraps,
    async start() {
      for (const hook of starts) {
        try {
          await hook.fn()
        } catch (cause) {
          throw new KernelError('KERNEL_START_FAILED', `${hook.plugin} failed to start`, {
            plugin: hook.plugin,
            cause,
          })
        }
      }
    },
    serving() {
      for (const hook of serves.splice(0)) {
        Promise.resolve()
          .then(hook.fn)
          .catch((error: unknown) =>
            log.warn('serving hook failed', { plugin: hook.plugin, error: describeError(error) }),
          )
      }
    },
    stop() {
      stopping ??= (async () => {
        for (const hook of [...stops].reverse()) {
          await runWithTimeout(hook, options.stopTimeoutMs ?? 5000, log)
        }
        await db.close()
      })()
      return stopping
    },
  }
}

async function runWithTimeout(hook: Hook, ms: number, log: Logger): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  try {
    const outcome = await Promise.race([Promise.resolve().then(hook.fn), timeout])
    if (outcome === 'timeout') log.warn('stop hook timed out', { plugin: hook.plugin, ms })
  } catch (error) {
    log.error('stop hook failed', { plugin: hook.plugin, error: describeError(error) })
  } finally {
    clearTimeout(timer)
  }
}
