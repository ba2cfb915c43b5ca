import { z } from 'zod'
import { envList } from '../../core/config.ts'

/** ETL settings (env prefix `ETL_`). */
export const etlConfig = z.object({
  sources: envList(z.enum(['showdown']))
    .default(['showdown'])
    .describe('Comma-separated sources, in precedence order after the showdown base'),
})
export type EtlConfig = z.infer<typeof etlConfig>
