import { expect, test } from 'bun:test'
import { fixtureRecordings } from '../../../../testing/etl/pokeapi-fixtures.ts'
import { createRecordedFetcher } from '../../http/recorded-fetcher.ts'
import { extractShowdown } from '../showdown/index.ts'
import { extractPokeApi } from './index.ts'

const BASE = 'https://pokeapi.co/api/v2'

test('driven by the real Showdown extract: PokéAPI-spelled URLs for every form, species and move', async () => {
  const base = extractShowdown()
  const http = createRecordedFetcher(fixtureRecordings(BASE))
  const extract = await extractPokeApi(base, http, { baseUrl: BASE, inFlight: 16 })
  const asked = (resource: string) => http.calls.filter((url) => url.startsWith(`${BASE}/${resource}/`))
  expect(asked('pokemon')).toHaveLength(188)
  expect(asked('pokemon-species')).toHaveLength(153)
  expect(asked('move')).toHaveLength(226)
  expect(asked('pokemon')).toContain(`${BASE}/pokemon/pikachu-starter`)
  expect(asked('pokemon')).toContain(`${BASE}/pokemon/charizard-mega-x`)
  expect(asked('pokemon')).toContain(`${BASE}/pokemon/melmetal`)
  expect(asked('move')).toContain(`${BASE}/move/vice-grip`)
  expect(asked('move')).not.toContain(`${BASE}/move/vise-grip`)
  // the fixtures are found under the Showdown slugs, everything else is a 404 reject
  expect(extract.pokemon?.map((p) => p.slug)).toEqual(['pikachu', 'pikachu-starter', 'raichu-alola'])
  expect(extract.moves).toHaveLength(7)
  expect(extract.rejects.filter((r) => r.reason.startsWith('HTTP 404'))).toHaveLength(
    188 - 3 + 153 - 2 + 226 - 7,
  )
  // with the full move list, every LGPE move of the fixtures is known
  expect(extract.rejects.some((r) => r.reason === 'LGPE move not in the base move list')).toBe(false)
})
