import { expect, test } from 'bun:test'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Extract } from './model.ts'
import { stagingDir, writeStaged } from './staging.ts'

const extract = { source: 'showdown' } as unknown as Extract

test('a staged write that fails leaves no .tmp file behind (issue 13, #7)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdx-staging-'))
  // The final rename cannot happen (the target is a non-empty folder), as a full disk fails a write.
  const target = join(stagingDir(dataDir), 'showdown.json')
  mkdirSync(target, { recursive: true })
  writeFileSync(join(target, 'occupied'), '')
  const error = await writeStaged(dataDir, extract, '2026-02-02T00:00:00.000Z').then(
    () => undefined,
    (e: Error) => e,
  )
  expect(error).toBeInstanceOf(Error)
  expect(readdirSync(stagingDir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
})
