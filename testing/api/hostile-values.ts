import fc from 'fast-check'

/**
 * Building blocks of hostile input for the API's property tests: text, numbers and JSON values
 * that clients (or attackers) send by mistake or on purpose. Each arbitrary mixes hand-picked
 * nasty constants (which fast-check would rarely find alone) with random values.
 */

/** Code points below the surrogates; the ones above them are shifted down by the 2,048 surrogates. */
const BELOW_SURROGATES = 0xd800
const SURROGATES = 0x800

/**
 * Any code point but a surrogate, as one string: the same values, in the same order for a seed, as
 * fast-check's own `unit: 'binary'` (an index over the same two ranges), but this one maps a
 * character back to its index by arithmetic. fast-check's maps back through a table of all
 * 1,112,064 code points, which it builds the first time a `string` arbitrary is made (to find
 * where its "dangerous" strings such as `__proto__` can be injected): 1 CPU-second per test
 * process (issue 13).
 */
export const binaryUnit: fc.Arbitrary<string> = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (index) => String.fromCodePoint(index < BELOW_SURROGATES ? index : index + SURROGATES),
  (value) => {
    if (typeof value !== 'string') throw new Error('not a string')
    const codePoint = value.codePointAt(0)
    const surrogate =
      codePoint !== undefined && codePoint >= BELOW_SURROGATES && codePoint < BELOW_SURROGATES + SURROGATES
    if (codePoint === undefined || surrogate || value.length !== (codePoint > 0xffff ? 2 : 1))
      throw new Error('not one non-surrogate code point')
    return codePoint < BELOW_SURROGATES ? codePoint : codePoint - SURROGATES
  },
)

/** Half of a surrogate pair alone: valid in a JS string, not in UTF-8. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u))

/** Text that breaks naive code: NUL, RTL overrides, emoji, combining marks, case traps, huge. */
const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'pikachu\u0000',
  '\ud800',
  'a\udfffb',
  '😀',
  '👩‍👩‍👧‍👦',
  'مرحبا',
  '\u202euhcakip',
  'e\u0301',
  'İ',
  'ß',
  'ｐｉｋａｃｈｕ',
  ' pikachu ',
  'PIKACHU',
  'Électrik',
  '%',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  'a'.repeat(61),
  'a'.repeat(10_000),
  '😀'.repeat(2_000),
]

/** Numbers as text, as they arrive in query strings. */
const NASTY_NUMERIC_TEXT = [
  '0',
  '-0',
  '-1',
  '1.5',
  '1e308',
  '-1e308',
  '1e309',
  '5e-324',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '0b11',
  '1_000',
  ' 5',
  '5 ',
  '٣',
  '9'.repeat(400),
  '9007199254740993',
]

/**
 * Any text, lone surrogates included (fast-check's own units never produce them).
 *
 * @example
 * fc.sample(hostileText, 3) // e.g. ['\u202euhcakip', '', 'a\udfffb']
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_NUMERIC_TEXT) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.oneof(
        { weight: 9, arbitrary: fc.string({ unit: binaryUnit, minLength: 1, maxLength: 1 }) },
        { weight: 1, arbitrary: loneSurrogate },
      ),
      maxLength: 40,
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
)

/** Numbers in query strings: syntaxes `Number()` half-accepts, overflow, negative zero. */
export const hostileNumericText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMERIC_TEXT) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
)

/** JSON numbers: extremes, negative zero, fractions, unsafe integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(1e308, -1e308, -0, 0, -1, 0.5, 5e-324, 2 ** 31, 2 ** 53 + 2, -(2 ** 63)),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer() },
)

/**
 * 10,000 copies of one short item: past every documented maximum, and past the body-size limit
 * when the items are long enough. Short items only, so generating stays cheap.
 */
export const hugeArray = <T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> =>
  item
    .filter((value) => (JSON.stringify(value) ?? '').length <= 200)
    .map((value) => Array.from({ length: 10_000 }, () => value))

/** Object keys: prototype names, empty, huge, unicode. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'extra', 'k'.repeat(1_000)),
  hostileText,
)

/**
 * Any JSON value of the wrong kind: scalars, deep nesting, huge arrays, prototype keys.
 *
 * @example
 * JSON.stringify({ pokemon_a: fc.sample(hostileJson, 1)[0] })
 */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'hostile-json' },
    { weight: 4, arbitrary: hostileText },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }) },
    { weight: 1, arbitrary: hugeArray(fc.constantFrom<unknown>(1, 'x', null, {})) },
  ),
})).value

/** Bodies that are not JSON at all, sent as application/json. */
export const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '{',
    '}',
    '{"pokemon_a":',
    '{"pokemon_a":"pikachu",}',
    "{'pokemon_a':'pikachu'}",
    '[1,]',
    'nul',
    'NaN',
    'undefined',
    '\u0000',
    '\ufeff{}',
    '{"a":1}}',
    '{"a":"\\ud800"',
    '{"a":"\\x41"}',
    `${'['.repeat(5_000)}${']'.repeat(4_999)}`,
  ),
  fc.string({ unit: binaryUnit, maxLength: 50 }).filter((text) => !isJson(text)),
)

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Percent-encodes like `encodeURIComponent`, but writes a lone surrogate as its WTF-8 bytes
 * (`%ED%A0%80`) instead of throwing: invalid UTF-8 is exactly what a hostile client sends.
 *
 * @example
 * encodeComponent('a\ud800') // 'a%ED%A0%80'
 */
export function encodeComponent(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const next = text.charCodeAt(i + 1)
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2))
      i++
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      const bytes = [0xed, 0xa0 | ((unit >> 6) & 0x1f), 0x80 | (unit & 0x3f)]
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('')
    } else {
      out += encodeURIComponent(text[i]!)
    }
  }
  return out
}

/** Raw query fragments no encoder would produce: broken escapes, stray separators. */
export const rawQueryJunk: fc.Arbitrary<string> = fc.constantFrom(
  '%',
  '%G0',
  '%E0%A4',
  '&&',
  '=',
  '==x',
  'lang',
  'lang=',
  'limit=1=2',
  '%00=%00',
  '+=+',
  'lang[]=fr',
  'type[0]=fire',
)

/** Header values a client can really send (a `Headers` object accepts them): the key property. */
export const headerValue: fc.Arbitrary<string> = fc
  .string({ unit: 'binary-ascii', maxLength: 80 })
  .filter((value) => {
    try {
      new Headers({ 'x-api-key': value })
      return true
    } catch {
      return false
    }
  })
