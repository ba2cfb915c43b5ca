/**
 * Prints the README's configuration table from the zod schemas (`bun scripts/config-table.ts`),
 * so the documentation is generated, and core/readme.test.ts keeps it in step.
 */
import { PLUGINS } from '../core/catalogue.ts'
import { coreConfigSchema, describeConfig } from '../core/config.ts'

const sections = [
  ['', coreConfigSchema] as const,
  ...Object.values(PLUGINS).flatMap((p) => (p.config ? [[p.name, p.config] as const] : [])),
]
console.log('| variable | default | meaning |\n| --- | --- | --- |')
for (const [prefix, schema] of sections) {
  for (const row of describeConfig(prefix, schema)) {
    console.log(`| \`${row.name}\` | ${row.default ? `\`${row.default}\`` : '—'} | ${row.description} |`)
  }
}
