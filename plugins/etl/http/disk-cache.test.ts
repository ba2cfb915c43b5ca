import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { readdir, writeFile } from 'node:fs/promises'
import { temporaryDirectory } from '../../../testing/etl/http.ts'
import { cacheKeyOf, createDiskCache } from './disk-cache.ts'

let dir: { path: string; remove(): Promise<void> }
beforeAll(async () => {
  dir = await temporaryDirectory('pdex-cache-')
})
afterAll(() => dir.remove())

const url = 'https://pokeapi.co/api/v2/pokemon/pikachu'

describe('createDiskCache', () => {
  test('an entry round-trips through one gzipped file named by the sha256 of the URL', async () => {
    const cache = createDiskCache(`${dir.path}/a`)
    expect(await cache.read(url)).toEqual({ kind: 'miss' })
    const entry = { url, status: 200, etag: '"x"', fetchedAt: 1234, body: '{"name":"pikachu","fr":"é"}' }
    await cache.write(entry)
    expect(await cache.read(url)).toEqual({ kind: 'hit', entry })
    expect(cacheKeyOf(url)).toMatch(/^[0-9a-f]{64}$/)
    expect(await readdir(`${dir.path}/a`)).toEqual([`${cacheKeyOf(url)}.json.gz`])
  })

  test('unreadable files are reported as corrupt, never thrown', async () => {
    const cache = createDiskCache(`${dir.path}/b`)
    await cache.write({ url, status: 200, fetchedAt: 1, body: 'x' })
    const file = cache.pathOf(url)
    const gz = (text: string) => Bun.gzipSync(new TextEncoder().encode(text))
    for (const content of [
      'plain text, not gzip',
      gz('{ truncated'),
      gz(JSON.stringify({ v: 1, url: 'https://other.example/', status: 200, fetchedAt: 1, body: '' })),
      gz(JSON.stringify({ v: 1, url, status: '200', fetchedAt: 1, body: '' })),
      gz(JSON.stringify({ v: 99, url, status: 200, fetchedAt: 1, body: '' })),
    ]) {
      await writeFile(file, content)
      expect(await cache.read(url)).toEqual({ kind: 'corrupt' })
    }
  })
})
