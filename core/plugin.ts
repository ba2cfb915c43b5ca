import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Hono } from 'hono'
import type { z } from 'zod'
import type { CoreConfig } from './config.ts'
import type { Migration } from './db/migrate.ts'
import type { Db } from './db/port.ts'
import type { Logger } from './log.ts'
import type { Metrics } from './metrics.ts'
import type { ServiceRef, ServiceRegistry } from './services.ts'
import type { StageDefinition } from './stages.ts'

/** What `ctx.http` lets a plugin do during setup. */
export interface HttpRegistrar {
  /** A router sharing the kernel's validation hook, so every 400 has one shape. */
  router(): OpenAPIHono
  /** Mounts a router under a prefix, e.g. `/api/v1`. Throws after setup. */
  mount(prefix: string, router: OpenAPIHono | Hono<any, any, any>): void
  /**
   * Renders the web app's errors (every path outside `/api` and the kernel's JSON endpoints):
   * unknown addresses (404, `message` undefined) and errors thrown by its handlers. One plugin may
   * set it (the ui plugin, so errors get its page layout); without it they are a bare HTML line.
   */
  htmlErrors(render: HtmlErrorRenderer): void
}

/** Answers one web-app error; `message` is the handler's own text, undefined for an unknown address. */
export type HtmlErrorRenderer = (
  c: import('hono').Context,
  status: number,
  message: string | undefined,
) => Response | Promise<Response>

/** A readiness check: resolves `true` when ready, or a string saying what is missing. */
export type ReadinessCheck = () => Promise<true | string>

export interface Lifecycle {
  onStart(fn: () => Promise<void> | void): void
  onStop(fn: () => Promise<void> | void): void
  /**
   * Work worth doing only when this process serves HTTP (warming worker threads so the first
   * requests pay no cold start): run in the background once the server listens, never by stage
   * runs of the CLI, which would pay seconds of CPU for requests that never come.
   */
  onServe(fn: () => Promise<void> | void): void
  /** Named readiness check reported by `/readyz`. */
  readiness(name: string, check: ReadinessCheck): void
  /**
   * Work `bun run start` does before serving when `needed()` says so (e.g. run the ETL on an
   * empty database, train when no model exists). Runs the stages `selector` names, in plugin order.
   */
  bootstrap(selector: string, needed: () => Promise<boolean>): void
}

/** The one typed context every plugin's `setup` receives. */
export interface PluginContext<C> {
  readonly name: string
  readonly config: Readonly<C>
  readonly core: Readonly<CoreConfig>
  readonly role: string
  readonly log: Logger
  readonly db: Db
  readonly metrics: Metrics
  readonly http: HttpRegistrar
  readonly stages: { add(...stages: StageDefinition<any>[]): void }
  readonly services: ServiceRegistry
  readonly lifecycle: Lifecycle
}

export interface PluginDefinition<C = Record<string, never>> {
  readonly name: string
  readonly requires?: readonly ServiceRef<unknown>[]
  readonly provides?: readonly ServiceRef<unknown>[]
  /** zod object; env prefix = the plugin name (`etl.sources` ← `ETL_SOURCES`). */
  readonly config?: z.ZodObject<z.ZodRawShape>
  /** Schema changes this plugin owns; applied for every role so shared tables always exist. */
  readonly migrations?: readonly Migration[]
  setup(ctx: PluginContext<C>): void | Promise<void>
}

/**
 * Declares a plugin. An identity helper: it only gives the object its type.
 *
 * @example
 * export const etlPlugin = definePlugin({ name: 'etl', config: etlConfig, setup(ctx) { ctx.stages.add(loadStage) } })
 */
export function definePlugin<S extends z.ZodObject<z.ZodRawShape> = z.ZodObject<Record<string, never>>>(
  plugin: Omit<PluginDefinition<z.infer<S>>, 'config'> & { readonly config?: S },
): PluginDefinition<any> {
  return plugin as PluginDefinition<any>
}
