import { z } from 'zod'
import { envList } from '../../core/config.ts'
import { SOURCE_NAMES } from './sources/registry.ts'

/** ETL settings (env prefix `ETL_`). */
export const etlConfig = z.object({
  sources: envList(z.enum(SOURCE_NAMES))
    .default(['showdown'])
    .describe('Comma-separated sources; showdown is the offline base, the others enrich it'),
  csvDir: z
    .string()
    .min(1)
    .optional()
    .describe('Folder with the predecessor’s CSV files (for the csv source)'),
})
export type EtlConfig = z.infer<typeof etlConfig>
