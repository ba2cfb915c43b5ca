import { describe, expect, test } from 'bun:test'
import { parseLearnSource } from './learnsets.ts'
import { loadLgpeData } from './lgpe-dex.ts'

describe('parseLearnSource', () => {
  test('level codes: 0 = on evolution, 1 = known from the start, n = level n', () => {
    expect(parseLearnSource('7L0')).toEqual({ kind: 'learn', method: 'evolution', level: null })
    expect(parseLearnSource('7L1')).toEqual({ kind: 'learn', method: 'start', level: 0 })
    expect(parseLearnSource('7L2')).toEqual({ kind: 'learn', method: 'level-up', level: 2 })
    expect(parseLearnSource('7L56')).toEqual({ kind: 'learn', method: 'level-up', level: 56 })
  })

  test('TM, tutor, event and anything else', () => {
    expect(parseLearnSource('7M')).toEqual({ kind: 'learn', method: 'tm', level: null })
    expect(parseLearnSource('7T')).toEqual({ kind: 'learn', method: 'tutor', level: null })
    expect(parseLearnSource('7S0')).toEqual({ kind: 'event' })
    expect(parseLearnSource('8L1')).toEqual({ kind: 'unknown' })
    expect(parseLearnSource('7E')).toEqual({ kind: 'unknown' })
    expect(parseLearnSource('7L')).toEqual({ kind: 'unknown' })
  })
})

describe("the mod's learnsets (evidence for the mapping above)", () => {
  const data = loadLgpeData()
  const codes = Object.entries(data.learnsets).flatMap(([id, learnset]) =>
    Object.entries(learnset).flatMap(([move, sources]) => sources.map((code) => ({ id, move, code }))),
  )

  test('only generation-7 L, M, T and S codes occur', () => {
    expect(codes.every(({ code }) => /^7(L\d+|M|T|S\d+)$/.test(code))).toBe(true)
  })

  test('every 7L0 belongs to an evolved form, so 7L0 means "on evolution"', () => {
    const evolutionRows = codes.filter(({ code }) => code === '7L0')
    expect(evolutionRows).toHaveLength(41)
    for (const { id } of evolutionRows) {
      const species = data.dex.species.get(id)
      const evolvedAlolanOrMelmetal = species.forme === 'Alola' || id === 'melmetal'
      expect(Boolean(species.prevo) || evolvedAlolanOrMelmetal).toBe(true)
    }
  })

  test('base forms that never evolve from anything start with 7L1 moves (Bulbasaur: Tackle, Growl)', () => {
    const bulbasaur = data.learnsets.bulbasaur ?? {}
    expect(bulbasaur.tackle).toContain('7L1')
    expect(bulbasaur.growl).toContain('7L1')
    expect(Object.values(bulbasaur).flat()).not.toContain('7L0')
  })
})
