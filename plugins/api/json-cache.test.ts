import { describe, expect, test } from 'bun:test'
import { Hono } from 'hono'
import { createJsonBodyCache, jsonBody, sendJsonBody } from './json-cache.ts'

describe('JSON body cache', () => {
  test('builds once per (source, key) and serves the same UTF-8 bytes as JSON.stringify', async () => {
    const cache = createJsonBodyCache<object>(10)
    const source = {}
    let builds = 0
    const build = () => {
      builds++
      return { name: 'Électhor', n: 1 }
    }
    const first = cache.get(source, 'a', build)
    const second = cache.get(source, 'a', build)
    expect(second).toBe(first)
    expect(builds).toBe(1)
    expect(await first.text()).toBe(JSON.stringify({ name: 'Électhor', n: 1 }))
    cache.get({}, 'a', build)
    expect(builds).toBe(2)
  })

  test('keeps at most maxPerSource entries per source, dropping the oldest', () => {
    const cache = createJsonBodyCache<object>(2)
    const source = {}
    const builds: string[] = []
    const get = (key: string) => cache.get(source, key, () => builds.push(key))
    get('a')
    get('b')
    get('c')
    get('b')
    get('a')
    expect(builds).toEqual(['a', 'b', 'c', 'a'])
  })

  test('a response from cached bytes is what c.json sends, with the headers set before', async () => {
    const app = new Hono()
    const value = { pokemon: 'Pikachu', fr: 'Électrique', list: [1, null, 'x'] }
    app.use('*', async (c, next) => {
      c.header('X-Before', 'kept')
      await next()
    })
    app.get('/json', (c) => c.json(value, 200))
    app.get('/bytes', (c) => sendJsonBody(c, jsonBody(value)))
    const body = jsonBody(value)
    app.get('/again', (c) => sendJsonBody(c, body))
    const [viaJson, viaBytes] = await Promise.all([app.request('/json'), app.request('/bytes')])
    // a cached body serves any number of responses
    for (let i = 0; i < 3; i++) expect(await (await app.request('/again')).text()).toBe(JSON.stringify(value))
    expect(viaBytes.status).toBe(200)
    expect([...viaBytes.headers]).toEqual([...viaJson.headers])
    expect(new Uint8Array(await viaBytes.arrayBuffer())).toEqual(new Uint8Array(await viaJson.arrayBuffer()))
  })
})
