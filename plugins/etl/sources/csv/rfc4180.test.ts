import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { decodeCsvBytes } from './decode.ts'
import { parseCsv } from './rfc4180.ts'

const fields = (text: string) => parseCsv(text).map((record) => record.fields)

describe('parseCsv', () => {
  test('quoted fields keep commas, doubled quotes and accents', () => {
    expect(fields('a,"b, c","il a dit ""oui""",é\n')).toEqual([['a', 'b, c', 'il a dit "oui"', 'é']])
  })

  test('LF, CRLF, lone CR and a missing final line end give the same records', () => {
    const expected = [
      ['a', 'b'],
      ['c', 'd'],
    ]
    for (const text of ['a,b\nc,d\n', 'a,b\r\nc,d\r\n', 'a,b\rc,d', 'a,b\r\nc,d'])
      expect(fields(text)).toEqual(expected)
  })

  test('a quoted line break stays in the field; lines are counted from the record start', () => {
    const records = parseCsv('h1,h2\r\n"deux\r\nlignes",x\r\nsuite,y')
    expect(records.map((r) => r.line)).toEqual([1, 2, 4])
    expect(records[1]!.fields).toEqual(['deux\nlignes', 'x'])
    expect(records[1]!.raw).toBe('"deux\r\nlignes",x')
  })

  test('empty fields, trailing commas and blank lines', () => {
    expect(fields('1,,\n\n"",x\n')).toEqual([
      ['1', '', ''],
      ['', 'x'],
    ])
    expect(parseCsv('a\n\n\nb').map((r) => r.line)).toEqual([1, 4])
  })

  test('a quote that never closes, or text after a closing quote, marks the record', () => {
    expect(parseCsv('a,"open\nb,c')[0]!.error).toBe('quoted field opened on line 1 never closes')
    const records = parseCsv('a,"q"x,b\n1,2')
    expect(records[0]!.error).toBe('text after a closing quote')
    expect(records[1]).toEqual({ fields: ['1', '2'], line: 2, raw: '1,2' })
  })

  test('a stray quote inside an unquoted field is kept as text', () => {
    expect(fields('5" pouces,x')).toEqual([['5" pouces', 'x']])
  })
})

describe('parseCsv round trip', () => {
  const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)
  const field = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', '"', '\n', '’', 'Z'), maxLength: 8 })

  test('any records written the RFC 4180 way read back the same, with any line end', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (records, eol, finalEol) => {
          const text = records.map((record) => record.map(quote).join(',')).join(eol) + (finalEol ? eol : '')
          expect(parseCsv(text).map((record) => record.fields)).toEqual(records)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('decodeCsvBytes', () => {
  test('a UTF-8 BOM is dropped', () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x69, 0x64]))).toEqual({
      text: 'id',
      encoding: 'utf-8',
    })
  })

  test('bytes that are not UTF-8 are read as Windows-1252 (and said so)', () => {
    expect(decodeCsvBytes(new Uint8Array([0x46, 0xe9, 0x65]))).toEqual({
      text: 'Fée',
      encoding: 'windows-1252',
    })
  })
})
