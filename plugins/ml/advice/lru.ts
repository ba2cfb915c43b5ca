/**
 * A size-bounded map that forgets entries not used lately ("second chance", the CLOCK
 * approximation of least-recently-used): a hit only sets a flag, so the hot path of a busy server
 * — 16 hits per best-move request — never reorders the map; on overflow the oldest entry goes,
 * unless it was used since it last came round, in which case it moves to the back with its flag
 * cleared. Exact answers are pure functions of the pair: they never expire.
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
  // Map keeps insertion order: its first entry is the oldest.
  const map = new Map<K, { value: V; used: boolean }>()
  const evictOne = () => {
    for (const [key, entry] of map) {
      map.delete(key)
      if (!entry.used) return
      entry.used = false
      map.set(key, entry)
    }
  }
  return {
    get(key) {
      const entry = map.get(key)
      if (!entry) return undefined
      entry.used = true
      return entry.value
    },
    set(key, value) {
      const entry = map.get(key)
      if (entry) {
        entry.value = value
        entry.used = true
        return
      }
      if (capacity <= 0) return
      while (map.size >= capacity) evictOne()
      map.set(key, { value, used: false })
    },
    get size() {
      return map.size
    },
  }
}
