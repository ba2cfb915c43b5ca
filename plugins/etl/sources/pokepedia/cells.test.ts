import { describe, expect, test } from 'bun:test'
import { cleanCellText, isNoMoveRow, parseLevelCell, parseTmNumber } from './cells.ts'

describe('parseLevelCell', () => {
  test('not learned: dashes and empty cells', () => {
    for (const cell of ['—', '-', '–', '', '  ']) expect(parseLevelCell(cell)).toEqual([])
  })

  test('Départ is the start (level 0), Évolution has no level', () => {
    expect(parseLevelCell('Départ')).toEqual([{ method: 'start', level: 0 }])
    expect(parseLevelCell('Évolution')).toEqual([{ method: 'evolution', level: null }])
    expect(parseLevelCell('evolution')).toEqual([{ method: 'evolution', level: null }])
  })

  test('levels written N.12, N. 12 or 12', () => {
    expect(parseLevelCell('N.12')).toEqual([{ method: 'level-up', level: 12 }])
    expect(parseLevelCell('N. 7')).toEqual([{ method: 'level-up', level: 7 }])
    expect(parseLevelCell('31')).toEqual([{ method: 'level-up', level: 31 }])
  })

  test('several levels in one cell are all kept, in order', () => {
    expect(parseLevelCell('N.12, 20')).toEqual([
      { method: 'level-up', level: 12 },
      { method: 'level-up', level: 20 },
    ])
    expect(parseLevelCell('Départ, N.9')).toEqual([
      { method: 'start', level: 0 },
      { method: 'level-up', level: 9 },
    ])
    expect(parseLevelCell('Départ<br />Évolution')).toEqual([
      { method: 'start', level: 0 },
      { method: 'evolution', level: null },
    ])
  })

  test('a token it cannot read makes the whole cell unreadable (no partial guess)', () => {
    expect(parseLevelCell('N.12, bientôt')).toBeUndefined()
    expect(parseLevelCell('N.0')).toBeUndefined()
    expect(parseLevelCell('N.101')).toBeUndefined()
  })

  test('footnotes do not disturb the levels', () => {
    expect(parseLevelCell('N.15<ref>LGP seulement</ref>')).toEqual([{ method: 'level-up', level: 15 }])
  })
})

describe('parseTmNumber', () => {
  test('CT01, CT 4, 07, 52 → numbers; names → undefined', () => {
    expect(parseTmNumber('CT01')).toBe(1)
    expect(parseTmNumber('CT 4')).toBe(4)
    expect(parseTmNumber('07')).toBe(7)
    expect(parseTmNumber('52')).toBe(52)
    expect(parseTmNumber('Abri')).toBeUndefined()
    expect(parseTmNumber('CT')).toBeUndefined()
  })
})

describe('cleanCellText', () => {
  test('links keep their label, templates, tags and comments go, NBSP becomes a space', () => {
    expect(cleanCellText("[[Tranch'Herbe|Tranch’Herbe]]<!-- x -->{{Note|1}}")).toBe('Tranch’Herbe')
    expect(cleanCellText("'''[[Psyko]]'''")).toBe('Psyko')
    expect(cleanCellText('Mur\u00a0Lumière')).toBe('Mur Lumière')
  })

  test('"Aucune" rows say there is no move', () => {
    expect(isNoMoveRow('Aucune')).toBe(true)
    expect(isNoMoveRow('Aucune capacité')).toBe(true)
    expect(isNoMoveRow('Abri')).toBe(false)
  })
})
