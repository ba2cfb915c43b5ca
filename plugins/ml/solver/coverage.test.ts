import { expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { createLgpeEngine } from '../battle/engine.ts'
import { coverageTable, renderCoverage } from './coverage.ts'
import { createLegalMoves } from './legal-moves.ts'

const engine = createLgpeEngine()
const table = coverageTable(engine.dex, createLegalMoves(engine).all)

test('the coverage table lists the 226 moves: every damaging move exact, four sampled, two refused', () => {
  expect(table).toHaveLength(226)
  const damaging = table.filter((m) => m.category !== 'Status' && m.status !== 'refused')
  expect(damaging.every((m) => m.status === 'exact')).toBe(true)
  expect(
    table
      .filter((m) => m.status === 'sampled')
      .map((m) => m.id)
      .sort(),
  ).toEqual(['metronome', 'mimic', 'mirrormove', 'transform'])
  expect(
    table
      .filter((m) => m.status === 'refused')
      .map((m) => m.id)
      .sort(),
  ).toEqual(['pikapapow', 'veeveevolley'])
})

test('docs/solver-coverage.md is up to date (regenerate: bun scripts/solver-coverage.ts)', () => {
  const committed = readFileSync(new URL('../../../docs/solver-coverage.md', import.meta.url), 'utf8')
  expect(committed).toBe(renderCoverage(table))
})
