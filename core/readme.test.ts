import { expect, test } from 'bun:test'
import { join } from 'node:path'
import { PLUGINS } from './catalogue.ts'
import { coreConfigSchema, describeConfig } from './config.ts'

test('the README configuration table lists every variable of core and every plugin, with its default', async () => {
  const readme = await Bun.file(join(import.meta.dir, '..', 'README.md')).text()
  const table = readme.split('<!-- config-table:start -->')[1]?.split('<!-- config-table:end -->')[0] ?? ''
  const sections = [
    ['', coreConfigSchema] as const,
    ...Object.values(PLUGINS).flatMap((p) => (p.config ? [[p.name, p.config] as const] : [])),
  ]
  const rows = sections.flatMap(([prefix, schema]) => describeConfig(prefix, schema))
  for (const row of rows) {
    expect(table).toContain(
      `| \`${row.name}\` | ${row.default ? `\`${row.default}\`` : '—'} | ${row.description} |`,
    )
  }
  expect(table.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(rows.length)
})
