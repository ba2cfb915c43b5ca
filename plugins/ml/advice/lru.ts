/**
 * A size-bounded map that forgets the least recently used entry (Map keeps insertion order, so a
 * hit is re-inserted at the end). Exact answers are pure functions of the pair: they never expire.
 *
 * @example
 * const cache = createLru<string, number>(2); cache.set('a', 1); cache.get('a') // 1
 */
export interface Lru<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  readonly size: number
}

export function createLru<K, V>(capacity: number): Lru<K, V> {
  const map = new Map<K, V>()
  return {
    get(key) {
      const value = map.get(key)
      if (value === undefined) return undefined
      map.delete(key)
      map.set(key, value)
      return value
    },
    set(key, value) {
      map.delete(key)
      map.set(key, value)
      if (map.size > capacity) map.delete(map.keys().next().value as K)
    },
    get size() {
      return map.size
    },
  }
}
