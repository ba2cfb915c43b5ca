import { describe, expect, test } from 'bun:test'
import { createRecordedFetcher } from './recorded-fetcher.ts'
import { HttpFetchError } from './types.ts'

describe('createRecordedFetcher', () => {
  test('answers recordings, plays sequences in order (the last repeats), 404 for the rest', async () => {
    const http = createRecordedFetcher({
      'https://h.example/a': { status: 200, body: 'A' },
      'https://h.example/seq': [
        { status: 500, body: 'oops' },
        { status: 200, body: 'fine' },
      ],
    })
    expect(await http.get('https://h.example/a')).toEqual({
      status: 200,
      body: 'A',
      fromCache: false,
      url: 'https://h.example/a',
    })
    const sequence = [await http.get('https://h.example/seq'), await http.get('https://h.example/seq')]
    expect(sequence.map((r) => r.status)).toEqual([500, 200])
    expect((await http.get('https://h.example/seq')).body).toBe('fine')
    expect((await http.get('https://h.example/unknown')).status).toBe(404)
    expect(http.calls).toHaveLength(5)
  })

  test('unreachable hosts and URL prefixes throw HttpFetchError', async () => {
    const http = createRecordedFetcher(
      { 'https://up.example/x': { status: 200, body: 'x' } },
      { unreachable: ['down.example', 'https://up.example/dead/'] },
    )
    await expect(http.get('https://down.example/x')).rejects.toBeInstanceOf(HttpFetchError)
    await expect(http.get('https://up.example/dead/1')).rejects.toBeInstanceOf(HttpFetchError)
    expect((await http.get('https://up.example/x')).body).toBe('x')
  })
})
