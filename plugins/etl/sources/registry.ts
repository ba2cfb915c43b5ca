import type { Logger } from '../../../core/log.ts'
import type { Extract } from '../model.ts'
import { extractShowdown } from './showdown/index.ts'

/** What a source extractor gets: the offline base extract and run options. */
export interface SourceContext {
  base: Extract
  dataDir: string
  force: boolean
  csvDir?: string | undefined
  log: Logger
  tty: boolean
}

export interface SourceDefinition {
  name: string
  /** Live sources talk to the network; a failure to reach them is a warning, not a failed run. */
  live: boolean
  extract(ctx: SourceContext): Promise<Extract>
}

/** Every source the ETL knows, by name. `showdown` is the offline base the others enrich. */
export const SOURCES: Readonly<Record<string, SourceDefinition>> = {
  showdown: { name: 'showdown', live: false, extract: async () => extractShowdown() },
}

export const SOURCE_NAMES = Object.keys(SOURCES) as [string, ...string[]]
