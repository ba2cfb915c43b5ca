/**
 * Test material for the PokéAPI source: the hand-written fixtures as recordings, and a tiny base
 * extract naming the forms, species and moves the fixtures cover (plus Meltan, which has none,
 * so every run also shows the 404 path).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RecordedResponse } from '../../plugins/etl/http/recorded-fetcher.ts'
import type { Extract, MoveRecord, PokemonRecord, SpeciesRecord } from '../../plugins/etl/model.ts'

export const FIXTURES_DIR = join(import.meta.dir, '../../plugins/etl/sources/pokeapi/fixtures')

/** `<resource>/<name>` → fixture text, e.g. `pokemon/pikachu`. */
export function readFixtures(): Map<string, string> {
  const fixtures = new Map<string, string>()
  for (const resource of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!resource.isDirectory()) continue
    for (const file of readdirSync(join(FIXTURES_DIR, resource.name))) {
      if (!file.endsWith('.json')) continue
      fixtures.set(
        `${resource.name}/${file.slice(0, -5)}`,
        readFileSync(join(FIXTURES_DIR, resource.name, file), 'utf8'),
      )
    }
  }
  return fixtures
}

/** The fixtures as recorder input, served under `baseUrl`. */
export function fixtureRecordings(baseUrl: string): Record<string, RecordedResponse> {
  return Object.fromEntries(
    [...readFixtures()].map(([path, body]) => [`${baseUrl}/${path}`, { status: 200, body }]),
  )
}

const form = (slug: string, species: string, kind: PokemonRecord['form']): PokemonRecord => ({
  slug,
  species,
  form: kind,
  names: {},
  types: ['electric'],
  stats: { hp: 1, atk: 1, def: 1, spa: 1, spd: 1, spe: 1 },
})

const move = (slug: string): MoveRecord => ({
  slug,
  names: {},
  type: 'normal',
  category: 'physical',
  power: null,
  accuracy: null,
  pp: 1,
  priority: 0,
  critRatio: 1,
  alwaysCrit: false,
  effectClass: 'other',
  descriptions: {},
})

const species = (slug: string, nationalDex: number): SpeciesRecord => ({ slug, nationalDex, names: {} })

/** A base extract covering the fixtures; its values are placeholders the source must not echo. */
export function tinyBase(): Extract {
  return {
    source: 'showdown',
    pokemon: [
      form('pikachu', 'pikachu', 'base'),
      form('pikachu-starter', 'pikachu', 'partner'),
      form('raichu-alola', 'raichu', 'alola'),
      form('meltan', 'meltan', 'base'),
    ],
    species: [species('pikachu', 25), species('raichu', 26), species('meltan', 808)],
    moves: ['thunder-shock', 'growl', 'thunderbolt', 'psychic', 'zippy-zap', 'absorb', 'vise-grip'].map(move),
    rejects: [],
    warnings: [],
  }
}
