/**
 * The few XML helpers every chart needs. Charts are plain strings (no DOM at render time) so they
 * run anywhere — a stage, a route, a test — and can be written to disk or inlined in HTML as is.
 */

/**
 * True for code points XML 1.0 allows in a document (its `Char` production): tab, LF, CR and
 * everything from U+0020 except surrogates and U+FFFE/U+FFFF.
 *
 * @example
 * isXmlChar(0x0) // false
 */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  )
}

/** Drops what `isXmlChar` refuses; iterating by code point also catches lone surrogates. */
function xmlChars(text: string): string {
  let out = ''
  for (const char of text) if (isXmlChar(char.codePointAt(0)!)) out += char
  return out
}

/**
 * Escapes text for XML/HTML content **and** attribute values, and drops characters XML cannot hold.
 * Why both: a label such as `<script>` or `"` must never change the document's structure, and a
 * stray control character would make the whole SVG unparseable.
 *
 * @example
 * escapeXml('<script>"&') // '&lt;script&gt;&quot;&amp;'
 */
export function escapeXml(text: string): string {
  return xmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * A coordinate with at most 2 decimals and no trailing zeros: sub-pixel precision beyond that only
 * makes the file bigger.
 *
 * @example
 * coord(12.3456) // '12.35'
 */
export function coord(value: number): string {
  const rounded = Math.round(value * 100) / 100
  return String(Object.is(rounded, -0) ? 0 : rounded)
}

export type Attributes = Record<string, string | number | undefined>

/** Serialises attributes in the given order, skipping undefined ones; numbers go through `coord`. */
function attributes(attrs: Attributes): string {
  let out = ''
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue
    out += ` ${name}="${typeof value === 'number' ? coord(value) : escapeXml(value)}"`
  }
  return out
}

/**
 * One element; `children` is already-serialised markup (pass text through `escapeXml` first).
 *
 * @example
 * element('circle', { cx: 1, cy: 2, r: 3 }) // '<circle cx="1" cy="2" r="3"/>'
 */
export function element(name: string, attrs: Attributes = {}, children?: string): string {
  return children === undefined || children === ''
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${children}</${name}>`
}

/** A `<text>` element whose content is escaped here. */
export function text(content: string, attrs: Attributes = {}): string {
  return element('text', attrs, escapeXml(content))
}

/** Shared font stack: system fonts only, so nothing is ever fetched to render a chart. */
export const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

/**
 * A standalone SVG document: `viewBox` (so it scales), `role="img"`, and a `<title>`/`<desc>` pair
 * as first children — the SVG accessibility mapping takes the name and description from them, so
 * no ids are needed and several charts can be inlined in one page without clashes.
 *
 * @example
 * svgDocument({ width: 200, height: 100, title: 'Empty', description: 'Nothing to show', body: '' })
 */
export function svgDocument(options: {
  width: number
  height: number
  title: string
  description: string
  body: string
}): string {
  const { width, height } = options
  const open = element('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${coord(width)} ${coord(height)}`,
    width,
    height,
    role: 'img',
    'font-family': fontFamily,
    'font-size': 12,
  }).replace(/\/>$/, '>')
  return (
    `${open}${element('title', {}, escapeXml(options.title))}` +
    `${element('desc', {}, escapeXml(options.description))}` +
    `${element('rect', { width, height, fill: '#ffffff' })}${options.body}</svg>\n`
  )
}

/**
 * Cuts a label to `max` characters with an ellipsis, so one long feature name cannot push the
 * plot off the canvas (the full text stays in a `<title>` tooltip).
 *
 * @example
 * truncate('a_very_long_feature_name', 10) // 'a_very_lo…'
 */
export function truncate(label: string, max: number): string {
  const chars = Array.from(label)
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`
}

/** Rough rendered width of `label` at `fontSize` (system sans-serif averages ~0.6 em a glyph). */
export function textWidth(label: string, fontSize = 12): number {
  return Array.from(label).length * fontSize * 0.6
}
