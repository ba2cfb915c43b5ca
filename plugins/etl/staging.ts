import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Extract } from './model.ts'

/**
 * Extracts are staged as JSON under `<DATA_DIR>/etl/staging/`, so `etl:load` can run (and re-run
 * after a crash) without refetching, and a live source that is down today still contributes what
 * it fetched last time. Files are written atomically (temp file + rename).
 */
export function stagingDir(dataDir: string): string {
  return join(dataDir, 'etl', 'staging')
}

export async function writeStaged(dataDir: string, extract: Extract, fetchedAt: string): Promise<void> {
  const dir = stagingDir(dataDir)
  await mkdir(dir, { recursive: true })
  const target = join(dir, `${extract.source}.json`)
  try {
    await writeFile(`${target}.tmp`, JSON.stringify({ fetchedAt, extract }))
    await rename(`${target}.tmp`, target)
  } catch (error) {
    // Disk full (ENOSPC) or a read-only folder: leave no half-written temp file behind.
    await rm(`${target}.tmp`, { force: true })
    throw error
  }
}

/** The staged extract of a source, or undefined when none was staged (or the file is unreadable). */
export async function readStaged(
  dataDir: string,
  source: string,
): Promise<{ fetchedAt: string; extract: Extract } | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(stagingDir(dataDir), `${source}.json`), 'utf8'))
    if (parsed && typeof parsed.fetchedAt === 'string' && parsed.extract?.source === source) return parsed
    return undefined
  } catch {
    return undefined
  }
}
