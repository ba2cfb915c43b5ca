/**
 * Compose-style variable interpolation, so tests can see the values a container really gets
 * without a Docker engine: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}` and `$$` (a literal `$`), as the compose spec defines them.
 *
 * Why here and not a dependency: it is 40 lines, and the tests need to know *which* variables a
 * file requires (`:?`) to check that `.env.example` documents every one of them.
 */

/** Thrown when a `${VAR:?message}` (or `${VAR?message}`) variable is missing. */
export class ComposeEnvError extends Error {
  readonly code = 'COMPOSE_ENV_REQUIRED'
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message)
    this.name = 'ComposeEnvError'
  }
}

/** One `${...}` reference found in a string. */
export type ComposeVariableRef = {
  name: string
  /** `:-`, `-`, `:?`, `?` or '' for a bare `${VAR}` / `$VAR`. */
  operator: '' | ':-' | '-' | ':?' | '?'
  /** The default value or the error message, as written. */
  argument: string
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g

/**
 * Lists every variable reference in `text` (escaped `$$` excluded).
 *
 * @example
 * findVariableRefs('${A:?set A}/${B:-x}') // [{ name: 'A', operator: ':?', ... }, { name: 'B', ... }]
 */
export function findVariableRefs(text: string): ComposeVariableRef[] {
  const refs: ComposeVariableRef[] = []
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1] ?? match[4]
    if (name === undefined) continue
    refs.push({
      name,
      operator: (match[2] ?? '') as ComposeVariableRef['operator'],
      argument: match[3] ?? '',
    })
  }
  return refs
}

/**
 * Replaces every reference in `text` with its value from `env`, applying compose's rules.
 *
 * @throws ComposeEnvError when a required variable (`:?`, `?`) is unset (or empty, for `:?`).
 * @example
 * interpolate('postgres://${U:-app}:${P:?set P}@db', { P: 's3cret' }) // 'postgres://app:s3cret@db'
 */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(
    REFERENCE,
    (whole, braced?: string, operator?: string, argument = '', bare?: string) => {
      if (whole === '$$') return '$'
      const name = (braced ?? bare) as string
      const value = env[name]
      const unset = value === undefined
      const unsetOrEmpty = unset || value === ''
      switch (operator) {
        case ':-':
          return unsetOrEmpty ? argument : (value as string)
        case '-':
          return unset ? argument : (value as string)
        case ':?':
          if (unsetOrEmpty) throw new ComposeEnvError(name, argument || `${name} is required`)
          return value as string
        case '?':
          if (unset) throw new ComposeEnvError(name, argument || `${name} is required`)
          return value as string
        default:
          return value ?? ''
      }
    },
  )
}

/**
 * Interpolates every string inside a parsed compose document (keys are left as written).
 *
 * @example
 * interpolateDeep({ ports: ['127.0.0.1:${P:-80}:80'] }, {}) // { ports: ['127.0.0.1:80:80'] }
 */
export function interpolateDeep<T>(value: T, env: Readonly<Record<string, string | undefined>>): T {
  if (typeof value === 'string') return interpolate(value, env) as T
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env)])) as T
  }
  return value
}

/**
 * Every variable `text` requires (`${VAR:?…}`, `${VAR?…}`) that `env` leaves unset (or empty, for
 * `:?`), each once with its message. Compose itself stops at the first one; this names them all,
 * so an operator fills in `.env` in one go.
 *
 * @example
 * missingRequired('${A:?set A} ${B:?set B} ${A:?set A}', { B: 'x' }) // [{ name: 'A', message: 'set A' }]
 */
export function missingRequired(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): { name: string; message: string }[] {
  const missing = new Map<string, string>()
  for (const ref of findVariableRefs(text)) {
    const value = env[ref.name]
    const absent = ref.operator === ':?' ? !value : ref.operator === '?' ? value === undefined : false
    if (absent && !missing.has(ref.name)) missing.set(ref.name, ref.argument || `${ref.name} is required`)
  }
  return [...missing].map(([name, message]) => ({ name, message }))
}

/**
 * Reads a `.env` file as compose does for these checks: `KEY=value` lines, `#` comments, optional
 * surrounding quotes.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line)
    if (!match?.[1] || line.trim().startsWith('#')) continue
    env[match[1]] = (match[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2')
  }
  return env
}
