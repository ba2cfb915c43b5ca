import { expect, test } from 'bun:test'
import fc from 'fast-check'
import { binaryUnit } from './hostile-values.ts'

test("binaryUnit draws what fast-check's binary unit draws (same ranges, same order) and maps each back", () => {
  // fast-check's `unit: 'binary'` is this mapToConstant over the code points minus the surrogates;
  // building it here costs nothing (its 1.1-million-entry reverse table is only built on a lookup).
  const fastChecks = fc.mapToConstant(
    { num: 0xd800, build: (i) => String.fromCodePoint(i) },
    { num: 0x10ffff - 0xdfff, build: (i) => String.fromCodePoint(0xe000 + i) },
  )
  for (const seed of [1, 42, 20_261_126])
    expect(fc.sample(binaryUnit, { numRuns: 2000, seed })).toEqual(
      fc.sample(fastChecks, { numRuns: 2000, seed }),
    )
  for (const value of ['\u0000', 'a', '\ud7ff', '\ue000', '😀', '\u{10ffff}'])
    expect(binaryUnit.canShrinkWithoutContext(value)).toBe(true)
  for (const value of ['', 'ab', '\ud800', '\udfff', 7])
    expect(binaryUnit.canShrinkWithoutContext(value)).toBe(false)
})
