import { describe, expect, test } from 'bun:test'
import { fixture } from '../../../../testing/etl/pokepedia-memory-fetcher.ts'
import { readWikitextSection } from './read-wikitext.ts'
import { findLearnsetCalls, splitRow, splitSections } from './wikitext.ts'

describe('wikitext primitives', () => {
  test('sections nest by heading level and keep their subsections in their content', () => {
    const sections = splitSections('== A ==\na\n=== B ===\nb\n==== C ====\nc\n=== D ===\nd\n== E ==\n')
    expect(sections.map((s) => `${s.level}${s.heading}`)).toEqual(['2A', '3B', '4C', '3D', '2E'])
    expect(sections[0]!.children.map((s) => s.heading)).toEqual(['B', 'C', 'D'])
    expect(sections[1]!.content).toContain('c')
    expect(sections[1]!.content).not.toContain('d')
  })

  test('module calls: kind, named parameters, one row a line, nested templates kept whole', () => {
    const calls = findLearnsetCalls(
      '{{#invoke:Apprentissage|niveau|type=Plante|génération=7|\nCharge{{sup|a|b}} / Départ / Départ / Départ\n\nRugissement / — / — / 3\n}}',
    )
    expect(calls).toHaveLength(1)
    expect(calls![0]!.kind).toBe('niveau')
    expect(calls![0]!.params.get('génération')).toBe('7')
    expect(calls![0]!.rows).toEqual([
      'Charge{{sup|a|b}} / Départ / Départ / Départ',
      'Rugissement / — / — / 3',
    ])
  })

  test('a call that never closes is reported as undefined, not half read', () => {
    expect(findLearnsetCalls('{{#invoke:Apprentissage|niveau|\nCharge / Départ')).toBeUndefined()
  })

  test('rows split on slashes outside links and templates', () => {
    expect(splitRow('[[A/B|AB]] / 5 / {{x|1/2}} / N.7')).toEqual(['[[A/B|AB]]', '5', '{{x|1/2}}', 'N.7'])
  })
})

describe('readWikitextSection on recorded pages', () => {
  test("level-up: the fourth field is Let's Go; multi-level cells stay whole for the cell parser", async () => {
    const read = readWikitextSection(await fixture('herbizarre.wikitext'), 'level')
    if (!read.ok) throw new Error(read.reason)
    const byName = new Map(read.rows.map((row) => [row.name, row]))
    expect(byName.get('Vampigraine')).toMatchObject({ row: 3, cell: 'Départ, N.9' })
    expect(byName.get('Tranch’Herbe')?.cell).toBe('31')
    expect(byName.get('Doux Parfum')?.cell).toBe('—')
    expect(read.rows).toHaveLength(14)
  })

  test("TM: only the Let's Go table is read, with its own numbers", async () => {
    const read = readWikitextSection(await fixture('herbizarre.wikitext'), 'tm')
    if (!read.ok) throw new Error(read.reason)
    expect(read.rows.map((row) => `${row.tm}:${row.name}`)).toContain('27:Toxik')
    expect(read.rows.map((row) => row.name)).not.toContain('Balle Graine')
    expect(read.rows).toHaveLength(12)
  })

  test('tutor: the partner subsection wins over the other games', async () => {
    const read = readWikitextSection(await fixture('pikachu.wikitext'), 'tutor')
    if (!read.ok) throw new Error(read.reason)
    expect(read.rows.map((row) => row.name)).toEqual(['Pika-Sprint', 'Pika-Splash', 'Pika-Piqué'])
  })

  test("tutor: a Let's Go heading is accepted when no partner heading exists", () => {
    const page = `=== Par donneur de capacités ===
==== [[Pokémon Ultra-Soleil et Ultra-Lune]] ====
{{#invoke:Apprentissage|donneur|génération=7|\nÉlectrotoile / USUL\n}}
==== [[Pokémon : Let's Go, Pikachu et Let's Go, Évoli|LGPE]] ====
{{#invoke:Apprentissage|donneur|génération=7|\nPika-Sprint / LGPE\n}}`
    const read = readWikitextSection(page, 'tutor')
    expect(read.ok && read.rows.map((row) => row.name)).toEqual(['Pika-Sprint'])
  })

  test('a hand-written table or a broken call declines the section with a reason', async () => {
    const raichu = readWikitextSection(await fixture('raichu-alola.wikitext'), 'level')
    expect(raichu).toEqual({ ok: false, reason: 'no {{#invoke:Apprentissage|niveau}} table' })
    const rattata = readWikitextSection(await fixture('rattata-alola.wikitext'), 'level')
    expect(rattata).toEqual({ ok: false, reason: 'a {{#invoke:Apprentissage}} table is never closed' })
    expect(readWikitextSection('== Capacités apprises ==\n', 'tm')).toEqual({
      ok: false,
      reason: "no 'Par CT' section",
    })
  })

  test("rows with another column count cannot say which column is Let's Go: declined", () => {
    const page =
      '=== Par montée en niveau ===\n{{#invoke:Apprentissage|niveau|génération=7|\nCharge / Départ\nGriffe / 5\n}}'
    expect(readWikitextSection(page, 'level')).toEqual({
      ok: false,
      reason: 'rows have 1 game columns, not SL / USUL / LGPE',
    })
  })

  test('a stray row with the wrong field count is a row problem, not a page failure', () => {
    const page =
      '=== Par montée en niveau ===\n{{#invoke:Apprentissage|niveau|génération=7|\nCharge / Départ / Départ / Départ\nGriffe / 5\nMorsure / 1 / 1 / 4\n}}'
    const read = readWikitextSection(page, 'level')
    expect(read.ok && read.rows[1]).toMatchObject({
      row: 2,
      name: 'Griffe',
      problem: 'expected a name and 3 game columns, found 1',
    })
  })
})
