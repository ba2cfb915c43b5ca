import { expect, test } from 'bun:test'
import { join } from 'node:path'
import { fingerprint } from '../../../../testing/etl/showdown-fingerprint.ts'
import { extractShowdown } from './index.ts'

test('a mod module polluted by an earlier Dex.mod still yields the same extract, with a warning', () => {
  // A child process: polluting the shared module here would leak into every other test file.
  const child = Bun.spawnSync([
    process.execPath,
    join(import.meta.dir, '../../../../testing/etl/showdown-extract-after-engine-mod.ts'),
  ])
  expect(child.stderr.toString()).toBe('')
  expect(child.exitCode).toBe(0)
  const result = JSON.parse(child.stdout.toString())
  expect(result.formatsDataKeys).toBeGreaterThan(1000)
  expect(result.pokemon).toBe(188)
  expect(result.fingerprint).toBe(fingerprint(extractShowdown()))
  expect(result.warnings.some((w: string) => w.includes('an earlier Dex.mod call mutated it'))).toBe(true)
})
