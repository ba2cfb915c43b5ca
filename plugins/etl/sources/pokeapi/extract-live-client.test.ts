import { afterAll, beforeAll, expect, test } from 'bun:test'
import { type LocalServer, startLocalServer, temporaryDirectory } from '../../../../testing/etl/http.ts'
import { readFixtures, tinyBase } from '../../../../testing/etl/pokeapi-fixtures.ts'
import { createHttpClient } from '../../http/client.ts'
import { extractPokeApi } from './index.ts'

// The real client against a local PokéAPI look-alike serving the fixtures: the path the ETL takes
// on a user's machine, minus the internet.
let server: LocalServer
let dir: { path: string; remove(): Promise<void> }
const fixtures = readFixtures()

beforeAll(async () => {
  dir = await temporaryDirectory('pdex-pokeapi-')
  server = startLocalServer((request, previousHits) => {
    const path = new URL(request.url).pathname.replace(/^\/api\/v2\//, '')
    if (path === 'pokemon/pikachu' && previousHits === 0)
      return new Response('upstream hiccup', { status: 500 })
    const body = fixtures.get(path)
    return body === undefined
      ? new Response('Not Found', { status: 404 })
      : new Response(body, { headers: { 'content-type': 'application/json', etag: `"${path}"` } })
  })
})
afterAll(async () => {
  server.stop()
  await dir.remove()
})

test('a 500 then success is retried by the client; a second run is served from the disk cache', async () => {
  const options = {
    cacheDir: dir.path,
    userAgent: 'PredictionDex-ETL/0.1 (+https://example.invalid/repo)',
    hosts: { [server.host]: { maxConcurrent: 4, minIntervalMs: 0, obeyRobots: false } },
    sleep: async () => undefined,
  }
  const http = createHttpClient(options)
  const baseUrl = `${server.origin}/api/v2`
  const first = await extractPokeApi(tinyBase(), http, { baseUrl })
  expect(first.pokemon?.map((p) => p.slug)).toContain('pikachu')
  expect(server.hits('/api/v2/pokemon/pikachu')).toHaveLength(2)
  expect(http.counters()).toMatchObject({ retries: 1, failures: 0 })
  expect(first.rejects.map((r) => r.locator)).toEqual([
    `${baseUrl}/pokemon-species/meltan`,
    `${baseUrl}/pokemon/meltan`,
    `${baseUrl}/pokemon/pikachu (moves: tail-whip)`,
  ])

  const requestsBefore = server.received.length
  const cached = createHttpClient(options)
  const second = await extractPokeApi(tinyBase(), cached, { baseUrl })
  expect(server.received.length).toBe(requestsBefore) // 404s are cached too
  expect(cached.counters().cacheHits).toBe(16)
  expect(second).toEqual(first)
})
