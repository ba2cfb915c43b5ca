/** Pair numbers by key (−1: none): a flat table while the keys are few, else a hash table. */
export function createPairIds(keyCount: number): {
  get(key: number): number
  set(key: number, pair: number): void
} {
  if (keyCount <= TABLE_KEYS) {
    const table = new Int32Array(keyCount).fill(-1)
    return {
      get: (key) => table[key]!,
      set: (key, pair) => {
        table[key] = pair
      },
    }
  }
  // open addressing over typed arrays (a `Map` cost ≈ 3×), doubled at half full
  let bits = 12
  let keys = new Float64Array(1 << bits).fill(-1)
  let pairs = new Int32Array(1 << bits)
  let size = 0
  const slotOf = (key: number) => {
    const low = key % 0x100000000
    let slot = Math.imul(low ^ ((key - low) / 0x100000000), 0x9e3779b1) >>> (32 - bits)
    while (keys[slot] !== -1 && keys[slot] !== key) slot = (slot + 1) & ((1 << bits) - 1)
    return slot
  }
  const put = (key: number, pair: number) => {
    const slot = slotOf(key)
    keys[slot] = key
    pairs[slot] = pair
  }
  return {
    get: (key) => {
      const slot = slotOf(key)
      return keys[slot] === key ? pairs[slot]! : -1
    },
    set: (key, pair) => {
      if (2 * ++size > 1 << bits) {
        const [oldKeys, oldPairs] = [keys, pairs]
        bits++
        keys = new Float64Array(1 << bits).fill(-1)
        pairs = new Int32Array(1 << bits)
        for (let k = 0; k < oldKeys.length; k++) if (oldKeys[k] !== -1) put(oldKeys[k]!, oldPairs[k]!)
      }
      put(key, pair)
    },
  }
}

/** A flat table of pair numbers up to 1 MB (one counted slot over 30,000 states, two over 3,000). */
const TABLE_KEYS = 1 << 18
