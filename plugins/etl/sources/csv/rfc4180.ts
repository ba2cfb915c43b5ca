/**
 * A small RFC 4180 CSV reader that remembers where each record came from.
 *
 * Why hand-written: no CSV library is installed, the format is small, and rejects need the line a
 * record starts on and its raw text, which most parsers drop. Accepted beyond the RFC, because
 * spreadsheets produce them: LF, CRLF or lone CR line ends (mixed too), no final line end, a
 * quoted field's own line breaks (kept, normalised to `\n`), blank lines (skipped), a stray quote
 * inside an unquoted field (kept as text). Not accepted: text after a closing quote, and a quote
 * that never closes; such a record carries an `error` for the caller to reject.
 */

export interface CsvRecord {
  fields: string[]
  /** 1-based line the record starts on. */
  line: number
  /** The record's text as in the file, line ends inside quotes included, its own line end excluded. */
  raw: string
  /** Why the record is malformed, if it is. */
  error?: string
}

/**
 * Splits CSV text (already decoded, BOM removed) into records.
 *
 * @example
 * parseCsv('a,"b,""c"""\r\n1,2')
 * // [{ fields: ['a', 'b,"c"'], line: 1, raw: 'a,"b,""c"""' }, { fields: ['1', '2'], line: 2, raw: '1,2' }]
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let i = 0
  let line = 1
  /** Consumes a line end at `i` if there is one; true when it did. */
  const lineEnd = (): boolean => {
    if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1
    else if (text[i] === '\n') i += 1
    else return false
    line++
    return true
  }
  while (i < text.length) {
    const start = i
    const startLine = line
    const fields: string[] = []
    let field = ''
    let error: string | undefined
    let end = i
    for (;;) {
      if (text[i] === '"' && field === '') {
        const quoteLine = line
        i++
        let closed = false
        while (i < text.length) {
          if (text[i] === '"' && text[i + 1] === '"') {
            field += '"'
            i += 2
          } else if (text[i] === '"') {
            i++
            closed = true
            break
          } else if (lineEnd()) field += '\n'
          else field += text[i++]
        }
        if (!closed) error ??= `quoted field opened on line ${quoteLine} never closes`
        else if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          error ??= 'text after a closing quote'
        }
      }
      if (i >= text.length) {
        end = text.length
        break
      }
      if (text[i] === ',') {
        fields.push(field)
        field = ''
        i++
        continue
      }
      end = i
      if (lineEnd()) break
      field += text[i++]
    }
    fields.push(field)
    const raw = text.slice(start, end)
    if (raw.trim() === '') continue
    records.push(error ? { fields, line: startLine, raw, error } : { fields, line: startLine, raw })
  }
  return records
}
