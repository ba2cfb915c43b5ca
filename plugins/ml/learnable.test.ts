import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { Roster } from '../../core/contracts/pokedex.ts'
import { pokedexRef } from '../../core/contracts/pokedex.ts'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlPlugin } from '../etl/index.ts'
import { createLgpeEngine } from './battle/engine.ts'
import { buildBattleSet } from './battle/sets.ts'

let kernel: Kernel
let roster: Roster
beforeAll(async () => {
  kernel = await createTestKernel({ plugins: [etlPlugin] })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  roster = await (kernel.services.get(pokedexRef.id) as { roster(): Promise<Roster> }).roster()
})
afterAll(() => kernel.stop())

test('every move the database lets a form use is legal for the battle engine, and the reverse for a sample', () => {
  const engine = createLgpeEngine()
  const moves = new Map(roster.moves.map((m) => [m.slug, m]))
  const rejected: string[] = []
  let checked = 0
  for (const form of roster.forms) {
    for (const slug of roster.learnable.get(form.slug) ?? []) {
      const move = moves.get(slug)!
      if (move.effect_class === 'variable-power') continue
      checked++
      try {
        buildBattleSet(engine, { species: form.showdown_id!, moves: [move.showdown_id!] })
      } catch (error) {
        rejected.push(`${form.slug}/${slug}: ${(error as Error).message}`)
      }
    }
  }
  expect(rejected).toEqual([])
  expect(checked).toBeGreaterThan(5000)
  const pikachu = roster.forms.find((f) => f.slug === 'pikachu')!
  expect(roster.learnable.get('pikachu')).not.toContain('surf')
  expect(() => buildBattleSet(engine, { species: pikachu.showdown_id!, moves: ['surf'] })).toThrow()
})
