import { describe, expect, test } from 'bun:test'
import { createLru } from './lru.ts'

describe('bounded cache (second chance)', () => {
  test('keeps at most its capacity, forgetting the oldest entry not used since it was stored', () => {
    const cache = createLru<string, number>(3)
    for (const [i, key] of ['a', 'b', 'c'].entries()) cache.set(key, i)
    expect(cache.get('a')).toBe(0) // a used: it survives the next overflow
    cache.set('d', 3)
    expect(cache.size).toBe(3)
    expect(cache.get('b')).toBeUndefined()
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([0, 2, 3])
  })

  test('an entry used since it last came round moves back once, then goes like any other', () => {
    const cache = createLru<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.get('a')
    cache.get('b')
    cache.set('c', 3) // both used: both get a second chance, then a (now oldest) goes
    expect(cache.get('a')).toBeUndefined()
    expect([cache.get('b'), cache.get('c')]).toEqual([2, 3])
  })

  test('setting a known key replaces its value without growing; capacity 0 keeps nothing', () => {
    const cache = createLru<string, number>(2)
    cache.set('a', 1)
    cache.set('a', 2)
    expect([cache.size, cache.get('a')]).toEqual([1, 2])
    const none = createLru<string, number>(0)
    none.set('a', 1)
    expect([none.size, none.get('a')]).toEqual([0, undefined])
  })
})
