import { isXmlChar } from '../../plugins/ml/report/svg/xml.ts'

/**
 * A strict XML well-formedness check (no DTDs, no CDATA — our SVGs use neither). Why our own:
 * linkedom's DOMParser is forgiving (it silently repairs `<title>a < b</title>` or an unclosed
 * tag), so it cannot tell a broken SVG from a good one. Returns the problems found, none when the
 * document is well-formed.
 *
 * @example
 * xmlProblems('<svg><g></svg>') // ['line 1: </svg> closes <g>']
 */
export function xmlProblems(source: string): string[] {
  const problems: string[] = []
  const stack: string[] = []
  const name = '[A-Za-z_:][-A-Za-z0-9_:.]*'
  const reference = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y
  const openTag = new RegExp(`<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y')
  const closeTag = new RegExp(`</(${name})\\s*>`, 'y')
  const attribute = new RegExp(`(${name})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g')
  const line = (at: number) => `line ${source.slice(0, at).split('\n').length}`
  const checkText = (text: string, at: number) => {
    for (const char of text)
      if (!isXmlChar(char.codePointAt(0)!)) problems.push(`${line(at)}: character not allowed in XML`)
    for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
      reference.lastIndex = i
      if (!reference.test(text)) problems.push(`${line(at + i)}: bare "&"`)
    }
  }
  let roots = 0
  let i = 0
  if (source.startsWith('<?xml')) i = source.indexOf('?>') + 2
  while (i < source.length && problems.length < 20) {
    const lt = source.indexOf('<', i)
    const text = source.slice(i, lt < 0 ? source.length : lt)
    if (stack.length === 0 && text.trim() !== '') problems.push(`${line(i)}: text outside the root element`)
    checkText(text, i)
    if (lt < 0) break
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4)
      if (end < 0) problems.push(`${line(lt)}: unterminated comment`)
      i = end < 0 ? source.length : end + 3
      continue
    }
    closeTag.lastIndex = lt
    const close = closeTag.exec(source)
    if (close !== null) {
      const open = stack.pop()
      if (open !== close[1])
        problems.push(`${line(lt)}: </${close[1]}> closes ${open ? `<${open}>` : 'nothing'}`)
      i = closeTag.lastIndex
      continue
    }
    openTag.lastIndex = lt
    const open = openTag.exec(source)
    if (open === null) {
      problems.push(`${line(lt)}: malformed tag near ${JSON.stringify(source.slice(lt, lt + 40))}`)
      break
    }
    if (stack.length === 0 && ++roots > 1) problems.push(`${line(lt)}: second root element <${open[1]}>`)
    const seen = new Set<string>()
    for (const [, attr, double, single] of open[2]!.matchAll(attribute)) {
      if (seen.has(attr!)) problems.push(`${line(lt)}: duplicate attribute ${attr}`)
      seen.add(attr!)
      checkText(double ?? single ?? '', lt)
    }
    if (open[3] !== '/') stack.push(open[1]!)
    i = openTag.lastIndex
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`)
  if (roots === 0) problems.push('no root element')
  return problems
}
