import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Db } from '../../../core/db/port.ts'
import { KernelError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import { exportTables } from '../export.repo.ts'

/** RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Rows as CSV text with a header line (UTF-8, LF line ends). */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return ''
  const columns = Object.keys(rows[0]!)
  return (
    [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\n') + '\n'
  )
}

/**
 * `etl:export -- --out DIR [--format csv|json]`: writes `pokemon`, `moves`, `learnsets` and
 * `type_chart` files (columns in docs/data.md). Each file is written to a temp name then renamed,
 * so a reader never sees half a file.
 */
export function createExportStage(deps: { db: Db; dataDir: string }) {
  return defineStage({
    name: 'etl:export',
    description: 'Export pokemon, moves, learnsets and type_chart as CSV or JSON',
    input: z
      .object({
        out: z.string().min(1).optional().describe('output folder (default <DATA_DIR>/export)'),
        format: z.enum(['csv', 'json']).default('csv'),
      })
      .strict(),
    async run(input) {
      const out = input.out ?? join(deps.dataDir, 'export')
      const tables = await exportTables(deps.db)
      if (tables.pokemon.length === 0) {
        throw new KernelError('ETL_EXPORT_EMPTY', 'the database is empty; run `bun run stage etl:load` first')
      }
      await mkdir(out, { recursive: true })
      const lines: string[] = []
      for (const [name, rows] of Object.entries(tables)) {
        const file = join(out, `${name}.${input.format}`)
        const text = input.format === 'csv' ? toCsv(rows) : `${JSON.stringify(rows, null, 1)}\n`
        await writeFile(`${file}.tmp`, text)
        await rename(`${file}.tmp`, file)
        lines.push(`  ${name.padEnd(11)} ${String(rows.length).padStart(6)} rows → ${file}`)
      }
      return `etl:export (${input.format})\n${lines.join('\n')}`
    },
  })
}
