import { z } from 'zod'
import { envList } from '../../core/config.ts'

/** Every source the ETL knows; `showdown` is the offline base the others enrich. */
export const SOURCE_NAMES = ['showdown', 'pokeapi', 'pokepedia', 'csv'] as const
export type SourceName = (typeof SOURCE_NAMES)[number]

/** ETL settings (env prefix `ETL_`). */
export const etlConfig = z.object({
  sources: envList(z.enum(SOURCE_NAMES))
    .default(['showdown'])
    .describe(
      'Comma-separated sources: showdown (offline base), pokeapi, pokepedia (needs pokeapi’s French move names), csv',
    ),
  csvDir: z.string().min(1).optional().describe('Folder with the predecessor’s CSV files (csv source)'),
  contact: z
    .string()
    .min(3)
    .optional()
    .describe('URL or e-mail sent in the User-Agent of live sources, so their operators can reach you'),
  cacheTtlDays: z.coerce
    .number()
    .min(0)
    .max(3650)
    .default(30)
    .describe('Days a cached live response is used without asking again'),
  pokeapiUrl: z.string().url().default('https://pokeapi.co/api/v2').describe('PokéAPI base URL'),
  pokepediaUrl: z.string().url().default('https://www.pokepedia.fr').describe('Poképédia base URL'),
})
export type EtlConfig = z.infer<typeof etlConfig>
