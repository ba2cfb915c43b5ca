import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from './index.ts'
import { listVersions, registerVersion, setAlias } from './registry.repo.ts'

let kernel: Kernel
beforeAll(async () => {
  kernel = await createTestKernel({ plugins: [etlPlugin, mlPlugin] })
})
afterAll(() => kernel.stop())

test('a version lists every alias it holds, not one of them (issue 13, #11)', async () => {
  const row = {
    run_id: null,
    sha256: 'x',
    dataset_hash: 'd',
    test_log_loss: 0.5,
    created_at: '2026-01-01T00:00:00Z',
  }
  const one = await registerVersion(kernel.db, { ...row, dir: 'one' })
  const two = await registerVersion(kernel.db, { ...row, dir: 'two' })
  await setAlias(kernel.db, 'champion', two)
  await setAlias(kernel.db, 'challenger', two)
  const versions = await listVersions(kernel.db)
  expect(versions.map((v) => [v.version, v.aliases])).toEqual([
    [one, []],
    [two, ['challenger', 'champion']],
  ])
})
