import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ModelTruth } from '../../../core/contracts/model-truth.ts'
import { pokedexRef, type Roster } from '../../../core/contracts/pokedex.ts'
import type { Kernel } from '../../../core/kernel.ts'
import { parseStageInput } from '../../../core/stages.ts'
import { createTestKernel } from '../../../testing/kernel.ts'
import { etlPlugin } from '../../etl/index.ts'
import { indexRoster, type RosterIndex } from '../features/roster-index.ts'
import { mlPlugin } from '../index.ts'
import { coveredMoves, drawRandomPairs } from './random-pairs.ts'
import { parseRows } from './rows.ts'

/** Small, quick-to-solve forms (few moves, short battles). */
const SPECIES = 'magikarp,caterpie,weedle,metapod,kakuna,rattata'
let kernel: Kernel
let index: RosterIndex
let dataDir: string
let modelsDir: string
/** The shipped champion (models/): its copy gets the truth report of the test's small dataset. */
const SHIPPED = join(import.meta.dir, '..', '..', '..', 'models')
const champion = readFileSync(join(SHIPPED, 'champion'), 'utf8').trim()
const runtime = () => ({ log: kernel.log, tty: false, signal: new AbortController().signal })
const run = (name: string, args: string[]) =>
  kernel.stages.run(
    name,
    parseStageInput(kernel.stages.list().find((s) => s.name === name)!, args),
    runtime(),
  )
const rowsOf = (name: string) => readFileSync(join(dataDir, 'datasets', name, 'rows.csv'), 'utf8')

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pdx-random-pairs-'))
  modelsDir = mkdtempSync(join(tmpdir(), 'pdx-random-pairs-models-'))
  cpSync(join(SHIPPED, champion), join(modelsDir, champion), { recursive: true })
  writeFileSync(join(modelsDir, 'champion'), `${champion}\n`)
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin],
    env: { DATA_DIR: dataDir, MODELS_DIR: modelsDir, ML_WORKERS: '0' },
  })
  await kernel.stages.run('etl:load', {}, runtime())
  index = indexRoster(await (kernel.services.get(pokedexRef.id) as { roster(): Promise<Roster> }).roster())
}, 300_000)
afterAll(async () => {
  await kernel.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(modelsDir, { recursive: true, force: true })
})

describe('random covered pairs', () => {
  test('distinct, seeded, any learnable move of each side (status moves included), never an unmodelled one', () => {
    const forms = [...index.forms.keys()]
    const pairs = drawRandomPairs(index, forms, 3000, 7)
    expect(pairs).toHaveLength(3000)
    expect(new Set(pairs.map((p) => `${p.a}|${p.moveA}|${p.b}|${p.moveB}`)).size).toBe(3000)
    expect(drawRandomPairs(index, forms, 3000, 7)).toEqual(pairs)
    expect(drawRandomPairs(index, forms, 50, 8)).not.toEqual(pairs.slice(0, 50))
    for (const p of pairs) {
      expect(p.a).not.toBe(p.b)
      expect(coveredMoves(index, p.a)).toContain(p.moveA)
      expect(coveredMoves(index, p.b)).toContain(p.moveB)
    }
    const categories = new Set(pairs.map((p) => index.moves.get(p.moveA)!.category))
    expect(categories).toEqual(new Set(['physical', 'special', 'status']))
    expect(pairs.some((p) => ['metronome', 'transform', 'mimic', 'mirror-move'].includes(p.moveA))).toBe(
      false,
    )
    expect(coveredMoves(index, 'ditto')).toEqual([])
    // a bigger draw starts with the smaller one: the cache of exact answers relies on it
    expect(drawRandomPairs(index, forms, 100, 7)).toEqual(pairs.slice(0, 100))
  })

  test('a random_pairs dataset is labelled exactly; a bigger one reuses those answers (same bytes) instead of solving again', async () => {
    const args = ['--scenario', 'random_pairs', '--species', SPECIES, '--k', '1', '--seed', '3']
    await run('ml:dataset', [...args, '--pairs', '16', '--name', 'small'])
    const small = parseRows(rowsOf('small'))
    expect(small).toHaveLength(16)
    expect(small.every((r) => r.label === 'exact' && r.a_policy === 'fixed')).toBe(true)
    expect(small.every((r) => Number(r.win_rate) >= 0 && Number(r.win_rate) <= 1)).toBe(true)
    const big = await run('ml:dataset', [...args, '--pairs', '24', '--name', 'big', '--reuse', 'small'])
    expect(big).toContain('16 exact answers reused from small')
    const lines = (name: string) => rowsOf(name).trim().split('\n')
    expect(lines('big').slice(0, 17)).toEqual(lines('small'))
    await run('ml:dataset', [...args, '--pairs', '24', '--name', 'fresh'])
    expect(rowsOf('fresh')).toBe(rowsOf('big'))
  }, 300_000)

  test('ml:truth scores the champion against those exact answers: every pair once overall and in the calibration bins, classes and worst pairs consistent', async () => {
    const out = await run('ml:truth', ['--dataset', 'big'])
    expect(out).toContain(`ml:truth ${champion} on big`)
    expect(out).toContain('24 pairs: MAE')
    const truth = JSON.parse(readFileSync(join(modelsDir, champion, 'truth.json'), 'utf8')) as ModelTruth
    expect(truth.modelDir).toBe(champion)
    expect(truth.truth).toEqual({ dataset: 'big', partial: false, skipped: 0 })
    expect(truth.overall.pairs).toBe(24)
    expect(truth.calibration.reduce((n, b) => n + b.pairs, 0)).toBe(24)
    // the worst pairs are the largest errors, largest first, and the maximum is the first of them
    const errors = truth.worst.map((w) => Math.abs(w.predicted - w.exact))
    expect(errors).toEqual([...errors].sort((x, y) => y - x))
    expect(errors[0]).toBeCloseTo(truth.overall.maxError, 12)
    expect(truth.worst).toHaveLength(24)
    const mae = errors.reduce((n, e) => n + e, 0) / 24
    expect(truth.overall.mae).toBeCloseTo(mae, 12)
    expect(truth.overall.shareOver01).toBe(errors.filter((e) => e > 0.1).length / 24)
    // every pair's exact value is the dataset's label
    const labels = new Map(
      parseRows(rowsOf('big')).map((r) => [
        `${r.a_slug}|${r.a_moves}|${r.b_slug}|${r.b_moves}`,
        Number(r.win_rate),
      ]),
    )
    for (const w of truth.worst)
      expect(w.exact).toBeCloseTo(labels.get(`${w.a}|${w.moveA}|${w.b}|${w.moveB}`)!, 6)
    // each mechanic class counts a pair at most once; plain damage and the rest cover all pairs
    for (const c of truth.byMechanic) expect(c.pairs).toBeLessThanOrEqual(24)
    expect(truth.passed.mae).toBe(truth.overall.mae <= 0.02)
    expect(readFileSync(join(modelsDir, champion, 'truth.md'), 'utf8')).toContain('Error by move mechanic')
  }, 300_000)
})
