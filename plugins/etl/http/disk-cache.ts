/**
 * The persistent HTTP cache: one gzipped JSON file per URL, named by the sha256 of the URL.
 *
 * Why one file per URL: a crashed or interrupted run keeps everything it fetched so far, entries
 * can be inspected or deleted one by one, and no index file can get out of step with the entries.
 * Writes go to a temporary file renamed into place, so a reader never sees half an entry; an entry
 * that cannot be read back (truncated, hand-edited, another format) counts as a miss, never a crash.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** What the cache remembers of one response. */
export interface CacheEntry {
  url: string
  status: number
  etag?: string
  lastModified?: string
  /** Epoch milliseconds of the last time the origin confirmed this body (fetch or 304). */
  fetchedAt: number
  body: string
}

/** `hit` = a valid entry; `miss` = no file; `corrupt` = a file we could not use (it will be overwritten). */
export type CacheRead = { kind: 'hit'; entry: CacheEntry } | { kind: 'miss' } | { kind: 'corrupt' }

export interface DiskCache {
  read(url: string): Promise<CacheRead>
  write(entry: CacheEntry): Promise<void>
  /** The file that holds (or would hold) a URL's entry, for tests and tooling. */
  pathOf(url: string): string
}

const FORMAT_VERSION = 1

/** Hex sha256 of a URL: the entry's file name (stable, filesystem-safe, no length limit issues). */
export function cacheKeyOf(url: string): string {
  return new Bun.CryptoHasher('sha256').update(url).digest('hex')
}

function isEntryFor(value: unknown, url: string): value is CacheEntry & { v: number } {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    entry.v === FORMAT_VERSION &&
    entry.url === url &&
    typeof entry.status === 'number' &&
    typeof entry.fetchedAt === 'number' &&
    Number.isFinite(entry.fetchedAt) &&
    typeof entry.body === 'string' &&
    (entry.etag === undefined || typeof entry.etag === 'string') &&
    (entry.lastModified === undefined || typeof entry.lastModified === 'string')
  )
}

/**
 * Opens (lazily creates) a cache directory.
 *
 * @example
 * const cache = createDiskCache(join(dataDir, 'http-cache'))
 * await cache.write({ url, status: 200, fetchedAt: Date.now(), body: '{}' })
 * const read = await cache.read(url) // { kind: 'hit', entry: {...} }
 */
export function createDiskCache(directory: string): DiskCache {
  let ready: Promise<unknown> | undefined
  const pathOf = (url: string) => join(directory, `${cacheKeyOf(url)}.json.gz`)
  let sequence = 0

  return {
    pathOf,
    async read(url) {
      let bytes: Uint8Array<ArrayBuffer>
      try {
        bytes = new Uint8Array(await readFile(pathOf(url)))
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return { kind: 'miss' }
        return { kind: 'corrupt' }
      }
      try {
        const parsed: unknown = JSON.parse(new TextDecoder().decode(Bun.gunzipSync(bytes)))
        if (!isEntryFor(parsed, url)) return { kind: 'corrupt' }
        const { v: _version, ...entry } = parsed
        return { kind: 'hit', entry }
      } catch {
        return { kind: 'corrupt' }
      }
    },
    async write(entry) {
      ready ??= mkdir(directory, { recursive: true })
      await ready
      const target = pathOf(entry.url)
      // A unique temporary name: two concurrent writes of one URL must not share a half-written file.
      const temporary = `${target}.${process.pid}.${++sequence}.tmp`
      const bytes = Bun.gzipSync(new TextEncoder().encode(JSON.stringify({ v: FORMAT_VERSION, ...entry })))
      try {
        await writeFile(temporary, bytes)
        await rename(temporary, target)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },
  }
}
