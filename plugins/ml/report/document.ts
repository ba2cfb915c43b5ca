import { ReportError } from './errors.ts'
import { escapeXml } from './svg/xml.ts'

/**
 * A tiny document model rendered twice — to Markdown and to a self-contained HTML page — so both
 * carry exactly the same content and no Markdown parser is needed to produce the HTML.
 */
export type Inline = string | { strong: string } | { code: string }

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; content: readonly Inline[] }
  | { kind: 'list'; items: readonly (readonly Inline[])[] }
  | { kind: 'table'; caption?: string; columns: readonly Column[]; rows: readonly (readonly Inline[])[] }
  /** A chart: a Markdown image link to `file`, the SVG itself inlined in HTML. */
  | { kind: 'figure'; file: string; alt: string; caption: string }

export interface Column {
  title: string
  align?: 'left' | 'right'
}

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ')

/** Backslash-escapes Markdown punctuation so input text (dataset names…) can never become markup. */
function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|#!~]/g, (c) => `\\${c}`)
}

function markdownCode(text: string): string {
  const flat = oneLine(text)
  const fence = flat.includes('`') ? '``' : '`'
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat
  return `${fence}${padded}${fence}`
}

function markdownInline(parts: readonly Inline[], inTable: boolean): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return markdownText(part)
      if ('strong' in part) return `**${markdownText(part.strong)}**`
      // GFM splits table cells on `|` even inside code spans, hence the escape there.
      const code = markdownCode(part.code)
      return inTable ? code.replace(/\|/g, '\\|') : code
    })
    .join('')
}

/**
 * Markdown (GitHub-flavoured tables) for `blocks`, blocks separated by a blank line.
 *
 * @example
 * toMarkdown([{ kind: 'heading', level: 1, text: 'Model report' }]) // '# Model report\n'
 */
export function toMarkdown(blocks: readonly Block[]): string {
  return `${blocks.map(markdownBlock).join('\n\n')}\n`
}

function markdownBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${markdownText(block.text)}`
    case 'paragraph':
      return markdownInline(block.content, false)
    case 'list':
      return block.items.map((item) => `- ${markdownInline(item, false)}`).join('\n')
    case 'table': {
      const head = `| ${block.columns.map((c) => markdownText(c.title)).join(' | ')} |`
      const rule = `| ${block.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`
      const rows = block.rows.map(
        (row) => `| ${row.map((cell) => markdownInline([cell], true)).join(' | ')} |`,
      )
      const caption = block.caption === undefined ? '' : `*${markdownText(block.caption)}*\n\n`
      return `${caption}${[head, rule, ...rows].join('\n')}`
    }
    case 'figure':
      return `![${markdownText(block.alt)}](${encodeURI(block.file)})\n\n*${markdownText(block.caption)}*`
  }
}

function htmlInline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return escapeXml(part)
      if ('strong' in part) return `<strong>${escapeXml(part.strong)}</strong>`
      return `<code>${escapeXml(part.code)}</code>`
    })
    .join('')
}

/**
 * An SVG ready to sit inside HTML: the XML declaration (if any) and the `xmlns` attribute go — the
 * HTML parser puts `<svg>` in the SVG namespace by itself — so the page holds no URL at all.
 */
function inlineSvg(svg: string): string {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '<svg')
    .trim()
}

const styles = `
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#111827;margin:0;background:#f9fafb}
main{max-width:1040px;margin:0 auto;padding:24px 32px 64px;background:#fff}
h1{font-size:1.7rem;margin:0 0 12px}h2{margin-top:36px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
table{border-collapse:collapse;margin:12px 0 20px;font-size:.92rem}
caption{text-align:left;font-style:italic;color:#4b5563;padding-bottom:4px}
th,td{border:1px solid #e5e7eb;padding:4px 10px;text-align:left}th{background:#f3f4f6}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#fafafa}strong{color:#065f46}
code{background:#f3f4f6;padding:1px 4px;border-radius:3px;font-size:.9em}
figure{display:inline-block;margin:8px 16px 16px 0;vertical-align:top}
figure svg{max-width:100%;height:auto}figcaption{color:#4b5563;font-size:.9rem;max-width:520px}
`.trim()

/**
 * A self-contained HTML page: inline CSS, charts inlined as SVG, and a Content-Security-Policy
 * that forbids loading anything, so the file renders the same offline, attached to a run or mailed.
 * Throws `REPORT_INVALID_INPUT` when a figure names a chart that `charts` does not hold.
 *
 * @example
 * toHtml('Model report', blocks, { 'roc.svg': rocChart(series) })
 */
export function toHtml(
  title: string,
  blocks: readonly Block[],
  charts: Readonly<Record<string, string>> = {},
): string {
  const body = blocks.map((block) => htmlBlock(block, charts))
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(oneLine(title))}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body><main>',
    ...body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n')
}

function htmlBlock(block: Block, charts: Readonly<Record<string, string>>): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeXml(oneLine(block.text))}</h${block.level}>`
    case 'paragraph':
      return `<p>${htmlInline(block.content)}</p>`
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${htmlInline(item)}</li>`).join('')}</ul>`
    case 'table': {
      const cls = (c: Column) => (c.align === 'right' ? ' class="num"' : '')
      const caption = block.caption === undefined ? '' : `<caption>${escapeXml(block.caption)}</caption>`
      const head = block.columns.map((c) => `<th${cls(c)}>${escapeXml(c.title)}</th>`).join('')
      const rows = block.rows
        .map((row) => {
          const cells = row.map(
            (cell, i) => `<td${cls(block.columns[i] ?? { title: '' })}>${htmlInline([cell])}</td>`,
          )
          return `<tr>${cells.join('')}</tr>`
        })
        .join('\n')
      return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
    }
    case 'figure': {
      const svg = charts[block.file]
      if (svg === undefined)
        throw new ReportError('REPORT_INVALID_INPUT', `figure "${block.file}" has no chart to inline`)
      return `<figure>${inlineSvg(svg)}<figcaption>${escapeXml(block.caption)}</figcaption></figure>`
    }
  }
}
