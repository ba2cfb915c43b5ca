import { z } from 'zod'
import type { Db } from '../../../core/db/port.ts'
import { UsageError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import { readModelDir, writeChampionPointer } from '../model/files.ts'
import { listVersions, setAlias } from '../registry.repo.ts'

/**
 * `ml:promote -- --version N [--alias champion|challenger]`: sets an alias by hand (a rollback, or
 * accepting a challenger). The model folder is checked first, so a broken model is never promoted.
 *
 * @example
 * bun run stage ml:promote -- --version 3
 */
export function createPromoteStage(deps: { db: Db; modelsDir: string; onChampion: () => Promise<void> }) {
  return defineStage({
    name: 'ml:promote',
    description: 'Set the champion (or challenger) alias to a registered model version',
    inPipeline: false,
    input: z
      .object({
        version: z.coerce.number().int().min(1),
        alias: z.enum(['champion', 'challenger']).default('champion'),
      })
      .strict(),
    async run(input) {
      const versions = await listVersions(deps.db)
      const target = versions.find((v) => v.version === input.version)
      if (!target) {
        throw new UsageError(
          'ML_UNKNOWN_VERSION',
          `no model version ${input.version}; registered: ${versions.map((v) => v.version).join(', ') || 'none'}`,
        )
      }
      await readModelDir(deps.modelsDir, target.dir)
      await setAlias(deps.db, input.alias, input.version)
      if (input.alias === 'champion') {
        await writeChampionPointer(deps.modelsDir, target.dir)
        await deps.onChampion()
      }
      return `ml:promote: version ${input.version} (${target.dir}) is now ${input.alias}`
    },
  })
}
