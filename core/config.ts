import { z } from 'zod'
import { KernelError } from './errors.ts'
import { ROLE_NAMES } from './roles.ts'

/**
 * Configuration: one zod schema per plugin plus core's, read once at boot from environment
 * variables. Nothing else in the code base reads `process.env`.
 *
 * Why: every setting is typed, defaulted and documented in one place, and a bad deployment fails
 * at boot with *every* problem listed at once instead of one crash per restart.
 *
 * Env names: core keys have no prefix (`PORT`, `DATA_DIR`); a plugin's keys get its name as prefix,
 * camelCase becomes SCREAMING_SNAKE (`etl.sources` ← `ETL_SOURCES`, `ml.skipIfExists` ←
 * `ML_SKIP_IF_EXISTS`).
 */

/** Parses env strings such as "true", "1", "yes" into booleans (zod's coerce treats "false" as true). */
export const envBoolean = z.preprocess((value) => {
  if (typeof value !== 'string') return value
  const v = value.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(v)) return true
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false
  return value
}, z.boolean())

/** Parses "a,b , c" into ['a','b','c'] (empty string → []). */
export function envList<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0)
        : value,
    z.array(item),
  )
}

/** Core settings, shared by every role. */
export const coreConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port'),
  host: z.string().min(1).default('127.0.0.1').describe('HTTP bind address (0.0.0.0 inside containers)'),
  dataDir: z.string().min(1).default('./data').describe('SQLite file, HTTP caches, datasets'),
  modelsDir: z.string().min(1).default('./models').describe('Trained models (ONNX + metadata)'),
  databaseUrl: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// or sqlite:')
    .optional()
    .describe('unset → SQLite file in DATA_DIR; postgres://… → PostgreSQL; sqlite::memory: for tests'),
  kernelRole: z.enum(ROLE_NAMES).default('all').describe('Which plugins this process loads'),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Minimum log level'),
  logFormat: z
    .enum(['auto', 'pretty', 'json'])
    .default('auto')
    .describe('auto = pretty on a TTY, JSON otherwise'),
  pushgatewayUrl: z
    .preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional())
    .describe(
      'Prometheus Pushgateway (http://pushgateway:9091); when set, every stage run pushes its outcome and run metrics there',
    ),
  shutdownTimeoutMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(15_000)
    .describe('On SIGTERM: time in-flight requests get to finish before workers and the database stop'),
  bodyTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(5_000)
    .describe('A request body that has not fully arrived after this long is answered 408'),
  dbTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(1_500)
    .describe('PostgreSQL: longest wait for a connection or a query before the request answers 503'),
})
export type CoreConfig = z.infer<typeof coreConfigSchema>

/** camelCase → SCREAMING_SNAKE, e.g. `skipIfExists` → `SKIP_IF_EXISTS`. */
export function toEnvKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
}

/**
 * The env variable name for `key` of the plugin `prefix` ('' for core). A field can keep a name the
 * ecosystem already uses with `.meta({ env: 'MLFLOW_TRACKING_URI' })`.
 */
export function envName(prefix: string, key: string, field?: z.ZodType): string {
  const override = (field?.meta() as { env?: unknown } | undefined)?.env
  if (typeof override === 'string') return override
  return prefix ? `${prefix.toUpperCase()}_${toEnvKey(key)}` : toEnvKey(key)
}

/** Variables whose values never appear in an error message (they may hold secrets). */
const SECRET_NAME = /(KEYS?|PASSWORD|SECRET|TOKEN|DATABASE_URL|_URI)$/

type ConfigSection = { prefix: string; schema: z.ZodObject<z.ZodRawShape> }

/**
 * Reads every section from `env` and validates them together.
 *
 * @throws KernelError `CONFIG_INVALID` whose message lists every bad variable with its reason.
 * @example
 * const { values } = readConfig({ PORT: '9000' }, [{ prefix: '', schema: coreConfigSchema }])
 * values['']?.port // 9000
 */
export function readConfig(
  env: Record<string, string | undefined>,
  sections: readonly ConfigSection[],
): { values: Record<string, Readonly<Record<string, unknown>>> } {
  const values: Record<string, Readonly<Record<string, unknown>>> = {}
  const problems: string[] = []
  for (const { prefix, schema } of sections) {
    const raw: Record<string, string> = {}
    for (const [key, field] of Object.entries(schema.shape)) {
      const value = env[envName(prefix, key, field as z.ZodType)]
      // Empty is unset: `PORT=` (or a compose `PORT: ${PORT:-}`) means "not given", so the default
      // applies; it was read as 0 (`PORT=''` → port 0, `ML_WORKERS=''` → 0 workers), silently.
      if (value !== undefined && value.trim() !== '') raw[key] = value
    }
    const parsed = schema.safeParse(raw)
    if (parsed.success) {
      values[prefix] = Object.freeze(parsed.data as Record<string, unknown>)
      continue
    }
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      const name = envName(prefix, key, schema.shape[key] as z.ZodType | undefined)
      const given =
        raw[key] === undefined ? 'unset' : SECRET_NAME.test(name) ? '<redacted>' : JSON.stringify(raw[key])
      problems.push(`  ${name}=${given}: ${issue.message}`)
    }
  }
  if (problems.length > 0) {
    throw new KernelError(
      'CONFIG_INVALID',
      `invalid configuration (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${problems.join('\n')}`,
    )
  }
  return { values }
}

/**
 * Lists the variables of a schema with defaults and descriptions, for the README and `--help`.
 *
 * @example
 * describeConfig('', coreConfigSchema)[0] // { name: 'PORT', default: '8080', description: 'HTTP port' }
 */
export function describeConfig(
  prefix: string,
  schema: z.ZodObject<z.ZodRawShape>,
): { name: string; default: string; description: string }[] {
  return Object.entries(schema.shape).map(([key, field]) => {
    const parsed = (field as z.ZodType).safeParse(undefined)
    const fallback = parsed.success && parsed.data !== undefined ? JSON.stringify(parsed.data) : ''
    return {
      name: envName(prefix, key, field as z.ZodType),
      default: fallback,
      description: (field as z.ZodType).description ?? '',
    }
  })
}
