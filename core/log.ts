/**
 * Structured logging: human lines on a terminal, JSON lines otherwise (containers, CI, files).
 *
 * Why our own 60 lines instead of a logging library: we need exactly levels, child bindings
 * (plugin, request id) and two renderings, and the sink must be injectable so tests can read logs.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger whose lines all carry `bindings` (e.g. `{ plugin: 'etl' }`, `{ requestId }`). */
  child(bindings: LogFields): Logger
  readonly level: LogLevel
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
const LEVEL_COLOUR: Record<LogLevel, string> = { debug: '90', info: '36', warn: '33', error: '31' }

export interface LoggerOptions {
  level: LogLevel
  format: 'pretty' | 'json'
  /** Where finished lines go; defaults to stderr so stdout stays free for command output. */
  write?: (line: string) => void
  now?: () => Date
}

function renderPretty(level: LogLevel, message: string, fields: LogFields, time: Date): string {
  const { plugin, ...rest } = fields
  const tag = plugin ? `[${String(plugin)}] ` : ''
  const extras = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')
  const clock = time.toISOString().slice(11, 19)
  const lvl = `\x1b[${LEVEL_COLOUR[level]}m${level.padEnd(5)}\x1b[0m`
  return `${clock} ${lvl} ${tag}${message}${extras ? `  \x1b[90m${extras}\x1b[0m` : ''}`
}

function toJsonSafe(fields: LogFields): LogFields {
  const out: LogFields = {}
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { message: v.message, code: (v as { code?: unknown }).code } : v
  }
  return out
}

/**
 * Creates a root logger.
 *
 * @example
 * const log = createLogger({ level: 'info', format: 'json' }).child({ plugin: 'etl' })
 * log.info('loaded types', { count: 18 })
 */
export function createLogger(options: LoggerOptions, bindings: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`))
  const now = options.now ?? (() => new Date())
  const threshold = LEVEL_RANK[options.level]
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_RANK[level] < threshold) return
    const all = { ...bindings, ...fields }
    const time = now()
    write(
      options.format === 'json'
        ? JSON.stringify({ time: time.toISOString(), level, msg: message, ...toJsonSafe(all) })
        : renderPretty(level, message, all, time),
    )
  }
  return {
    level: options.level,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (more) => createLogger(options, { ...bindings, ...more }),
  }
}

/** A logger that keeps lines in memory, for tests. */
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { lines: LogFields[] } {
  const lines: LogFields[] = []
  const logger = createLogger({ level, format: 'json', write: (line) => lines.push(JSON.parse(line)) })
  return Object.assign(logger, { lines })
}
