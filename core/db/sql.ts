/**
 * SQL fragments built with a tagged template: values never touch the SQL text, so injection is
 * impossible by construction, and one fragment renders for both engines (`?` for SQLite, `$n` for
 * PostgreSQL).
 *
 * @example
 * const q = sql`SELECT * FROM types WHERE slug = ${slug}`
 * render(q, 'postgres') // { text: 'SELECT * FROM types WHERE slug = $1', params: [slug] }
 */
export type Dialect = 'sqlite' | 'postgres'

export interface SqlFragment {
  readonly strings: readonly string[]
  readonly values: readonly unknown[]
  readonly isSqlFragment: true
}

export function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as SqlFragment).isSqlFragment === true
}

/** Tagged template: `${value}` becomes a bound parameter; `${fragment}` is inlined. */
export function sql(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): SqlFragment {
  return { strings: [...strings], values, isSqlFragment: true }
}

/** Trusted SQL text (identifiers, keywords) — never pass user input here. */
export function raw(text: string): SqlFragment {
  return sql([text])
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

/** A validated identifier (table or column name). */
export function ident(name: string): SqlFragment {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid SQL identifier: ${name}`)
  return raw(name)
}

/** Joins fragments (or plain values, which become parameters) with a separator. */
export function join(items: readonly unknown[], separator = ', '): SqlFragment {
  if (items.length === 0) return raw('')
  const strings = ['']
  for (let i = 1; i < items.length; i++) strings.push(separator)
  strings.push('')
  return sql(strings, ...items)
}

/** `(?, ?), (?, ?)` for a multi-row VALUES list. */
export function valuesList(rows: readonly (readonly unknown[])[]): SqlFragment {
  return join(rows.map((row) => sql(['(', ...Array(Math.max(row.length - 1, 0)).fill(', '), ')'], ...row)))
}

/** Flattens a fragment into SQL text and its parameters for one engine. */
export function render(fragment: SqlFragment, dialect: Dialect): { text: string; params: unknown[] } {
  const params: unknown[] = []
  let text = ''
  const walk = (f: SqlFragment) => {
    f.strings.forEach((part, i) => {
      text += part
      if (i >= f.values.length) return
      const value = f.values[i]
      if (isFragment(value)) {
        walk(value)
        return
      }
      params.push(normaliseParam(value))
      text += dialect === 'postgres' ? `$${params.length}` : '?'
    })
  }
  walk(fragment)
  return { text, params }
}

/** Both engines get the same values: booleans as 0/1, undefined as NULL. */
function normaliseParam(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}
