import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Roster } from '../../../core/contracts/pokedex.ts'
import { pokedexRef } from '../../../core/contracts/pokedex.ts'
import type { Kernel } from '../../../core/kernel.ts'
import { parseStageInput } from '../../../core/stages.ts'
import { createTestKernel } from '../../../testing/kernel.ts'
import { etlPlugin } from '../../etl/index.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { mlPlugin } from '../index.ts'
import { createSolver } from '../solver/index.ts'
import { parseRows } from './rows.ts'
import { isHeldOutSpecies } from './splits.ts'

const SPECIES = 'pikachu,squirtle,gengar,snorlax,raichu-alola,charizard-mega-x'
let kernel: Kernel
let dataDir: string
const runtime = () => ({ log: kernel.log, tty: false, signal: new AbortController().signal })
const stage = (name: string) => kernel.stages.list().find((s) => s.name === name)!
const run = (name: string, args: string[]) =>
  kernel.stages.run(name, parseStageInput(stage(name), args), runtime())
const rowsOf = (name: string) => readFileSync(join(dataDir, 'datasets', name, 'rows.csv'), 'utf8')

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pdx-ml-'))
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin],
    env: { DATA_DIR: dataDir, ML_WORKERS: '0' },
  })
  await kernel.stages.run('etl:load', {}, runtime())
})
afterAll(async () => {
  await kernel.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('datasets', () => {
  test('same seed → byte-identical rows whatever the worker count; another seed → different rows', async () => {
    const args = ['--scenario', 'best_move', '--k', '4', '--species', SPECIES]
    await run('ml:dataset', [...args, '--seed', '7', '--name', 'a', '--workers', '0'])
    await run('ml:dataset', [...args, '--seed', '7', '--name', 'b', '--workers', '2'])
    await run('ml:dataset', [...args, '--seed', '8', '--name', 'c', '--workers', '0'])
    expect(rowsOf('a')).toBe(rowsOf('b'))
    expect(rowsOf('a')).not.toBe(rowsOf('c'))
    const rows = parseRows(rowsOf('a'))
    expect(rows).toHaveLength(30)
    expect(
      rows.every((r) => Number(r.wins) + Number(r.losses) + Number(r.draws) + Number(r.caps) === 4),
    ).toBe(true)
  })

  test('a build whose manifest matches is reused; an interrupted build resumes and gives the same bytes', async () => {
    const args = [
      '--scenario',
      'all_combinations',
      '--k',
      '2',
      '--species',
      'pikachu,squirtle,gengar',
      '--max-combinations',
      '4',
    ]
    const first = await run('ml:dataset', [...args, '--name', 'r'])
    expect(first).toContain('(built)')
    expect(await run('ml:dataset', [...args, '--name', 'r'])).toContain('(reused: manifest matches)')
    const full = rowsOf('r')
    const dir = join(dataDir, 'datasets', 'r')
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    const lines = full.trim().split('\n').slice(1)
    writeFileSync(
      join(dir, 'partial.jsonl'),
      `${JSON.stringify({ paramsHash: manifest.paramsHash, start: 0, rows: lines.slice(0, 8) })}\n{"torn`,
    )
    rmSync(join(dir, 'manifest.json'))
    rmSync(join(dir, 'rows.csv'))
    expect(await run('ml:dataset', [...args, '--name', 'r'])).toContain('resumed 1 chunks')
    expect(rowsOf('r')).toBe(full)
  })

  test('exact labels: fixed-move rows carry the solver’s probability; --labels engine plays battles', async () => {
    const args = [
      '--scenario',
      'all_combinations',
      '--k',
      '4',
      '--species',
      'pikachu,squirtle,gengar',
      '--max-combinations',
      '3',
    ]
    await run('ml:dataset', [...args, '--name', 'exact'])
    await run('ml:dataset', [...args, '--name', 'engine', '--labels', 'engine'])
    const exact = parseRows(rowsOf('exact'))
    const engine = parseRows(rowsOf('engine'))
    expect(exact.every((r) => r.label === 'exact')).toBe(true)
    expect(engine.every((r) => r.label === 'engine')).toBe(true)
    const solver = createSolver(createLgpeEngine())
    const roster = await (kernel.services.get(pokedexRef.id) as { roster(): Promise<Roster> }).roster()
    const showdown = new Map([...roster.forms, ...roster.moves].map((x) => [x.slug, x.showdown_id!]))
    for (const row of exact) {
      const p = solver.solve(
        { species: showdown.get(String(row.a_slug))!, move: showdown.get(String(row.a_moves))! },
        { species: showdown.get(String(row.b_slug))!, move: showdown.get(String(row.b_moves))! },
      ).winA
      expect(Math.abs(Number(row.win_rate) - p)).toBeLessThan(1e-6)
      const total = Number(row.wins) + Number(row.losses) + Number(row.draws) + Number(row.caps)
      expect(total).toBeCloseTo(4, 5)
    }
    // engine rows are whole battles
    expect(engine.every((r) => Number.isInteger(Number(r.wins)))).toBe(true)
  })

  test('the pair split shares no pair between parts; the species split shares no species', async () => {
    await run('ml:dataset', [
      '--scenario',
      'best_move',
      '--k',
      '1',
      '--name',
      'split',
      '--species',
      'pikachu,squirtle,gengar,snorlax,bulbasaur,charmander,eevee,meowth,onix,mew,abra,zubat,jynx,lapras',
    ])
    const rows = parseRows(rowsOf('split'))
    const partsOf = new Map<string, Set<string>>()
    for (const r of rows) {
      const key = [r.a_slug, r.b_slug].sort().join('|')
      partsOf.set(key, (partsOf.get(key) ?? new Set()).add(String(r.split_pair)))
    }
    expect([...partsOf.values()].every((parts) => parts.size === 1)).toBe(true)
    const speciesIn = (part: string) =>
      new Set(rows.filter((r) => r.split_species === part).flatMap((r) => [r.a_slug, r.b_slug]))
    const train = speciesIn('train')
    const heldOut = [...speciesIn('test')].filter((s) => !train.has(s))
    expect(heldOut.length).toBeGreaterThan(0)
    for (const r of rows.filter((x) => x.split_species === 'test')) {
      expect(heldOut.includes(String(r.a_slug)) || heldOut.includes(String(r.b_slug))).toBe(true)
    }
    const held = Array.from({ length: 151 }, (_, i) => i + 1).filter((id) => isHeldOutSpecies(42, id))
    expect(held.length).toBeGreaterThan(10)
    expect(held.length).toBeLessThan(40)
  })

  test('bad input: unknown Pokémon is a usage error naming it; K ≤ 0 and unknown scenarios are usage errors', async () => {
    await expect(run('ml:dataset', ['--species', 'pikachu,pikachoo'])).rejects.toMatchObject({
      name: 'UsageError',
      code: 'ML_UNKNOWN_POKEMON',
      message: expect.stringContaining('pikachoo'),
    })
    expect(() => parseStageInput(stage('ml:dataset'), ['--k', '0'])).toThrow(/--k/)
    expect(() => parseStageInput(stage('ml:dataset'), ['--scenario', 'best'])).toThrow(/--scenario/)
    await expect(
      run('ml:battle', ['--a', 'pikachu', '--b', 'squirtle', '--moves-a', 'surf']),
    ).rejects.toMatchObject({
      code: 'ML_MOVE_NOT_LEARNABLE',
      message: "pikachu cannot learn surf in Let's Go",
    })
  })
})

describe('golden matchups', () => {
  test('a side immune to the other’s only move wins every battle', async () => {
    const out = await run('ml:battle', [
      '--a',
      'gengar',
      '--b',
      'snorlax',
      '--moves-a',
      'sludge-bomb',
      '--moves-b',
      'body-slam',
      '--policy-a',
      'fixed',
      '--policy-b',
      'fixed',
      '--k',
      '50',
    ])
    expect(out).toContain('gengar wins 100.0 %')
  })

  test('a mirror match is near 50 %, inside its 95 % interval', async () => {
    const out = String(
      await run('ml:battle', ['--a', 'pikachu', '--b', 'pikachu', '--k', '300', '--seed', '3']),
    )
    const [, lo, hi] = out.match(/CI ([\d.]+) % – ([\d.]+) %/)!.map(Number)
    expect(lo).toBeLessThan(50)
    expect(hi).toBeGreaterThan(50)
  })
})
