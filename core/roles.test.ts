import { expect, test } from 'bun:test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allMigrations, pluginsForRole } from './catalogue.ts'
import { createKernel } from './kernel.ts'
import { createMemoryLogger } from './log.ts'
import { ROLE_NAMES, ROLE_PLUGINS, smallestRoleHolding } from './roles.ts'

test('every role boots: its plugins exist and every service they require is provided in the role', async () => {
  for (const role of ROLE_NAMES) {
    const kernel = await createKernel({
      plugins: pluginsForRole(role),
      role,
      env: { DATABASE_URL: 'sqlite::memory:', MODELS_DIR: mkdtempSync(join(tmpdir(), 'pdx-roles-')) },
      migrations: allMigrations(),
      logger: createMemoryLogger('error'),
      defaultMetrics: false,
    })
    expect([...kernel.plugins].sort()).toEqual([...ROLE_PLUGINS[role]].sort())
    await kernel.stop()
  }
})

test('the smallest role holding a plugin: its own role, the trainer for ml, none for an unknown plugin', () => {
  expect(smallestRoleHolding('etl')).toBe('etl')
  expect(smallestRoleHolding('ml')).toBe('trainer')
  expect(smallestRoleHolding('api')).toBe('api')
  expect(smallestRoleHolding('ui')).toBe('ui')
  expect(smallestRoleHolding('nope')).toBeUndefined()
})
