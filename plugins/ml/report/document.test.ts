import { describe, expect, test } from 'bun:test'
import { type Block, toHtml, toMarkdown } from './document.ts'
import { formatCount, formatMetric, formatParam } from './format.ts'
import { svgDocument } from './svg/xml.ts'

const hostile = '<script>alert(1)</script> | *bold* _x_ [link](http://evil) # `tick`'

describe('toMarkdown', () => {
  test('renders headings, paragraphs, lists, tables with alignment and figures', () => {
    const blocks: Block[] = [
      { kind: 'heading', level: 2, text: 'Results' },
      { kind: 'paragraph', content: ['Plain, ', { strong: 'bold' }, ' and ', { code: 'code' }, '.'] },
      { kind: 'list', items: [['one'], ['two']] },
      {
        kind: 'table',
        caption: 'Caption',
        columns: [{ title: 'Name' }, { title: 'Value', align: 'right' }],
        rows: [[{ code: 'a|b' }, { strong: '0.5000' }]],
      },
      { kind: 'figure', file: 'roc pair.svg', alt: 'roc', caption: 'ROC.' },
    ]
    expect(toMarkdown(blocks)).toBe(
      [
        '## Results',
        '',
        'Plain, **bold** and `code`.',
        '',
        '- one\n- two',
        '',
        '*Caption*',
        '',
        '| Name | Value |\n| --- | ---: |\n| `a\\|b` | **0.5000** |',
        '',
        '![roc](roc%20pair.svg)',
        '',
        '*ROC.*',
        '',
      ].join('\n'),
    )
  })

  test('input text cannot become markup: Markdown punctuation and HTML are escaped, newlines flattened', () => {
    const md = toMarkdown([{ kind: 'paragraph', content: [`${hostile}\nnext line`] }])
    expect(md).toBe(
      '\\<script\\>alert(1)\\</script\\> \\| \\*bold\\* \\_x\\_ \\[link\\](http://evil) \\# \\`tick\\` next line\n',
    )
  })

  test('code spans holding backticks get a longer fence', () => {
    expect(toMarkdown([{ kind: 'paragraph', content: [{ code: 'a`b' }] }])).toBe('``a`b``\n')
  })
})

describe('toHtml', () => {
  const chart = svgDocument({ width: 10, height: 10, title: 'Chart', description: 'd', body: '' })

  test('is a complete page with a CSP forbidding any load, and inlines figures without xmlns', () => {
    const html = toHtml('Title & co', [{ kind: 'figure', file: 'c.svg', alt: 'c', caption: 'Cap' }], {
      'c.svg': chart,
    })
    expect(html).toStartWith('<!doctype html>\n<html lang="en">')
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`)
    expect(html).toContain('<title>Title &amp; co</title>')
    expect(html).toContain('<figure><svg viewBox="0 0 10 10"')
    expect(html).toContain('<figcaption>Cap</figcaption></figure>')
    expect(html).not.toMatch(/https?:\/\//)
  })

  test('escapes every piece of text and marks numeric columns', () => {
    const html = toHtml(hostile, [
      { kind: 'heading', level: 1, text: hostile },
      { kind: 'paragraph', content: [hostile, { code: hostile }, { strong: hostile }] },
      {
        kind: 'table',
        columns: [{ title: hostile }, { title: 'n', align: 'right' }],
        rows: [[hostile, '1,234']],
      },
    ])
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<td class="num">1,234</td>')
  })

  test('a figure without its chart is a coded error, not a broken page', () => {
    expect(() => toHtml('t', [{ kind: 'figure', file: 'missing.svg', alt: 'm', caption: 'm' }], {})).toThrow(
      expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }),
    )
  })
})

describe('formatting', () => {
  test('metrics have exactly 4 decimals, counts thousands separators, params no float noise', () => {
    expect(formatMetric(0.712345)).toBe('0.7123')
    expect(formatMetric(1)).toBe('1.0000')
    expect(formatMetric(-0.00001)).toBe('0.0000')
    expect(formatMetric(Number.NaN)).toBe('n/a')
    expect(formatCount(1_234_567)).toBe('1,234,567')
    expect(formatCount(1234.5)).toBe('1,234.5')
    expect(formatParam(0.1 + 0.2)).toBe('0.3')
    expect(formatParam(true)).toBe('true')
    expect(formatParam(undefined)).toBe('—')
  })
})
