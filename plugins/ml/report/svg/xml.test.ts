import { describe, expect, test } from 'bun:test'
import { xmlProblems } from '../../../../testing/ml/svg-well-formed.ts'
import { coord, element, escapeXml, svgDocument, truncate } from './xml.ts'

describe('escapeXml', () => {
  test('escapes markup characters so text cannot become structure', () => {
    expect(escapeXml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    )
  })

  test('drops characters XML 1.0 cannot hold, keeps tabs, newlines and astral characters', () => {
    expect(escapeXml('a\u0000b\u001Fc\td\ne\uFFFE😀')).toBe('abc\td\ne😀')
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone  surrogate')
  })
})

describe('element and coord', () => {
  test('numbers are rounded to 2 decimals without trailing zeros, -0 printed as 0', () => {
    expect(coord(12.3456)).toBe('12.35')
    expect(coord(3)).toBe('3')
    expect(coord(-0.001)).toBe('0')
  })

  test('attributes are escaped and undefined ones skipped', () => {
    expect(element('text', { x: 1.005, class: 'a"b', skip: undefined }, 'hi')).toBe(
      '<text x="1" class="a&quot;b">hi</text>',
    )
    expect(element('circle', { r: 2 })).toBe('<circle r="2"/>')
  })

  test('truncate keeps short labels and cuts long ones by characters, not UTF-16 units', () => {
    expect(truncate('short', 10)).toBe('short')
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…')
  })
})

describe('svgDocument', () => {
  test('is well-formed, scalable and starts with <title> then <desc>', () => {
    const svg = svgDocument({ width: 100, height: 50, title: 'T <1>', description: 'D & d', body: '' })
    expect(xmlProblems(svg)).toEqual([])
    expect(svg).toStartWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"')
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*><title>T &lt;1&gt;<\/title><desc>D &amp; d<\/desc>/)
  })
})

describe('xmlProblems (the checker the chart tests rely on)', () => {
  test('accepts well-formed documents', () => {
    expect(
      xmlProblems('<?xml version="1.0"?>\n<svg a="1"><!-- c --><g b=\'2\'>&amp;&#39;&#x41;</g></svg>\n'),
    ).toEqual([])
  })

  test.each([
    ['<svg><g></svg>', 'closes <g>'],
    ['<svg><title>a < b</title></svg>', 'malformed tag'],
    ['<svg>a & b</svg>', 'bare "&"'],
    ['<svg a="1" a="2"/>', 'duplicate attribute'],
    ['<svg/><svg/>', 'second root'],
    ['<svg x=1/>', 'malformed tag'],
    ['<svg><g>', 'unclosed'],
    ['text<svg/>', 'outside the root'],
    ['<svg>\u0001</svg>', 'not allowed in XML'],
    ['<svg a="\uFFFF"/>', 'not allowed in XML'],
  ])('rejects %p', (source, problem) => {
    expect(xmlProblems(source).join('; ')).toContain(problem)
  })
})
