import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Extract } from '../../model.ts'
import { extractShowdown } from '../showdown/index.ts'
import { CsvSourceError, extractCsv } from './index.ts'

const LEGACY = join(import.meta.dir, 'fixtures', 'legacy')

/** What PokéAPI's French names would give for the moves of the fixture (not "Psykoud'Boul"). */
const MOVE_NAMES_FR = new Map(
  Object.entries({
    Acide: 'acid',
    'Vive-Attaque': 'quick-attack',
    'Pika-Sprint': 'zippy-zap',
    Abri: 'protect',
    'Croc Fatal': 'super-fang',
    Abîme: 'fissure',
    Riposte: 'counter',
    Dévorêve: 'dream-eater',
    'Lance-Soleil': 'solar-beam',
    Charge: 'tackle',
    Ultralaser: 'hyper-beam',
    "Coup d'Boule": 'headbutt',
    Tonnerre: 'thunderbolt',
  }),
)

const rejectsOf = (extract: Extract, file: string) =>
  extract.rejects.filter((r) => r.locator.startsWith(`${file}:`)).map((r) => `${r.locator} ${r.reason}`)

describe('extractCsv on the legacy fixture folder', () => {
  let base: Extract
  let extract: Extract
  beforeAll(async () => {
    base = extractShowdown()
    extract = await extractCsv(LEGACY, { base, moveNamesFr: MOVE_NAMES_FR })
  })

  test('the fixture really is CRLF + BOM + no final newline (so the test below means something)', async () => {
    const bytes = new Uint8Array(await Bun.file(join(LEGACY, 'pokemons.csv')).arrayBuffer())
    const text = new TextDecoder().decode(bytes)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text.split('\r\n')).toHaveLength(14)
    expect(text.endsWith('\n')).toBe(false)
  })

  test('Pokémon: slug, form from the flags, species, French types, stats from the base', () => {
    expect(extract.source).toBe('csv')
    expect(extract.pokemon?.map((p) => p.slug)).toEqual([
      'bulbasaur',
      'charizard',
      'charizard-mega-x',
      'rattata-alola',
      'pikachu',
      'pikachu-starter',
      'mr-mime',
      'meltan',
    ])
    const rattata = extract.pokemon?.find((p) => p.slug === 'rattata-alola')
    expect(rattata).toMatchObject({ species: 'rattata', form: 'alola', types: ['dark', 'normal'] })
    expect(rattata?.names).toEqual({ fr: "Rattata d'Alola", en: 'Alolan Rattata' })
    expect(rattata?.stats).toEqual(base.pokemon!.find((p) => p.slug === 'rattata-alola')!.stats)
    expect(extract.pokemon?.find((p) => p.slug === 'charizard-mega-x')).toMatchObject({
      species: 'charizard',
      form: 'mega',
    })
    expect(extract.pokemon?.find((p) => p.slug === 'pikachu-starter')).toMatchObject({
      form: 'partner',
      types: ['electric'],
    })
    expect(extract.pokemon?.find((p) => p.slug === 'mr-mime')?.names).toEqual({
      fr: 'M. Mime',
      en: 'Mr. Mime',
    })
  })

  test('species come from base-form rows, with the CSV dex number', () => {
    expect(extract.species?.map((s) => `${s.slug}#${s.nationalDex}`)).toEqual([
      'bulbasaur#1',
      'charizard#6',
      'pikachu#25',
      'mr-mime#122',
      'meltan#808',
    ])
  })

  test('malformed Pokémon rows are rejected with file:line, the raw line and the reason', () => {
    expect(rejectsOf(extract, 'pokemons.csv')).toEqual([
      'pokemons.csv:10 unknown type "Lumière"',
      'pokemons.csv:11 expected 11 fields, found 12',
      'pokemons.csv:12 form flags say alola but the slug "rattata" says base',
      'pokemons.csv:13 duplicate Pokémon bulbasaur (first on pokemons.csv:2)',
      'pokemons.csv:14 starter must be 1 or empty, not "oui"',
    ])
    expect(extract.rejects.find((r) => r.locator === 'pokemons.csv:11')?.raw).toBe(
      '7,Carapuce,Squirtle,squirtle,Carapuce,7,Eau,,,,,',
    )
  })

  test('moves: French name → slug, classe, empty power/accuracy → null, type_degats → effect class', () => {
    const bySlug = new Map(extract.moves?.map((m) => [m.slug, m]))
    expect([...bySlug.keys()]).toEqual([
      'acid',
      'quick-attack',
      'zippy-zap',
      'protect',
      'super-fang',
      'fissure',
      'counter',
      'dream-eater',
      'solar-beam',
    ])
    expect(bySlug.get('acid')).toMatchObject({
      type: 'poison',
      category: 'special',
      power: 40,
      accuracy: 100,
      pp: 30,
    })
    expect(bySlug.get('acid')?.descriptions.fr).toBe(
      "Le lanceur attaque l'ennemi avec un jet d'acide corrosif. Peut aussi baisser sa Défense Spéciale.",
    )
    expect(bySlug.get('protect')).toMatchObject({
      category: 'status',
      power: null,
      accuracy: null,
      effectClass: 'protect',
    })
    expect(bySlug.get('super-fang')?.descriptions.fr).toBe(
      "Le lanceur frappe avec ses crocs\naiguisés et divise par deux les PV de l'ennemi.",
    )
    expect(bySlug.get('counter')?.descriptions.fr).toBe('Rend le "double" des dégâts physiques subis.')
    expect(bySlug.get('fissure')?.effectClass).toBe('ohko')
    expect(bySlug.get('solar-beam')).toMatchObject({ power: 200, effectClass: 'two-turn' })
  })

  test('what the CSV lacks (priority, crit) is the base record’s, never invented', () => {
    const zippy = extract.moves?.find((m) => m.slug === 'zippy-zap')
    expect(zippy).toMatchObject({
      names: { fr: 'Pika-Sprint' },
      priority: 2,
      alwaysCrit: true,
      effectClass: 'priority',
    })
    expect(zippy?.names.en).toBeUndefined()
  })

  test('malformed move rows: line numbers count the quoted line break', () => {
    expect(rejectsOf(extract, 'attaques.csv')).toEqual([
      'attaques.csv:12 puissance "4O" is not a number from 0 to 250',
      `attaques.csv:13 no move slug for the French name "Psykoud'Boul" (pass moveNamesFr)`,
      'attaques.csv:14 unknown type_degats "recharge_requise"',
      'attaques.csv:15 expected 8 fields, found 9',
      'attaques.csv:16 unknown classe "magique" (physique, spécial or autre)',
    ])
  })

  test('type chart: French comma decimals, case; bad cells rejected; an incomplete chart is a warning', () => {
    expect(extract.typeChart).toContainEqual({ attacking: 'fire', defending: 'water', multiplier: 0.5 })
    expect(extract.typeChart).toContainEqual({ attacking: 'water', defending: 'fire', multiplier: 2 })
    expect(extract.typeChart).toContainEqual({ attacking: 'electric', defending: 'ground', multiplier: 0 })
    expect(extract.typeChart).toHaveLength(6)
    expect(rejectsOf(extract, 'table-des-types.csv')).toEqual([
      'table-des-types.csv:8 unknown type "Lumière"',
      'table-des-types.csv:9 multiplicateur "4" is not 0, 0.5, 1 or 2',
      'table-des-types.csv:10 duplicate cell fire → steel (first on table-des-types.csv:2)',
      'table-des-types.csv:11 expected 3 fields, found 2',
    ])
    expect(extract.warnings).toContain('csv: the type chart has 6 of 324 cells')
  })

  test('a file with another header is named in a warning, whatever its name', () => {
    expect(extract.warnings.filter((w) => w.includes('notes.txt'))).toHaveLength(1)
    expect(extract.warnings.find((w) => w.includes('notes.txt'))).toStartWith(
      'csv: notes.txt: header not recognised, file ignored',
    )
    expect(extract.rejects).toHaveLength(14)
  })
})

describe('extractCsv edge cases', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csv-source-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('recognised by header, not name; Windows-1252 files are read and flagged', async () => {
    await writeFile(
      join(dir, 'export (1).txt'),
      Buffer.concat([
        Buffer.from('type_attaquant,type_defenseur,multiplicateur\nF'),
        Buffer.from([0xe9]),
        Buffer.from('e,Feu,0.5\n'),
      ]),
    )
    const extract = await extractCsv(dir)
    expect(extract.typeChart).toEqual([{ attacking: 'fairy', defending: 'fire', multiplier: 0.5 }])
    expect(extract.warnings).toContain('csv: export (1).txt: not valid UTF-8, read as Windows-1252')
    expect(extract.pokemon).toBeUndefined()
    expect(extract.moves).toBeUndefined()
  })

  test('without a base or French names, rows are rejected with the reason (nothing silently lost)', async () => {
    const extract = await extractCsv(LEGACY)
    expect(extract.pokemon).toEqual([])
    expect(extract.moves).toEqual([])
    expect(extract.rejects.find((r) => r.locator === 'pokemons.csv:2')?.reason).toBe(
      'no base stats (the CSV has none and no base extract was given)',
    )
    expect(extract.rejects.find((r) => r.locator === 'attaques.csv:2')?.reason).toBe(
      'no move slug for the French name "Acide" (pass moveNamesFr)',
    )
    expect(extract.warnings).toContain(
      'csv: no French move names (pass moveNamesFr, e.g. from PokéAPI): move rows cannot be matched',
    )
  })

  test('a folder that cannot be listed is an error with a code', async () => {
    const error = await extractCsv(join(dir, 'missing')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CsvSourceError)
    expect((error as CsvSourceError).code).toBe('CSV_DIR_UNREADABLE')
  })
})
