import { z } from 'zod'
import type { Db } from '../../../core/db/port.ts'
import { UsageError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import { readModelDir, writeChampionPointer } from '../model/files.ts'
import { listVersions, setAlias } from '../registry.repo.ts'
import type { MirrorOutcome, RegistryMirror } from '../tracking/registry-mirror.ts'

/**
 * `ml:promote -- --version N [--alias champion|challenger]`: sets an alias by hand (a rollback, or
 * accepting a challenger). The model folder is checked first, so a broken model is never promoted.
 * The change is mirrored to MLflow when it is configured (`mirror`); MLflow being down is reported,
 * never a failure: the local registry is the truth and the next alias change retries.
 *
 * @example
 * bun run stage ml:promote -- --version 3
 */
export function createPromoteStage(deps: {
  db: Db
  modelsDir: string
  /** Called after every alias change: the predictor serves the champion and shows its aliases. */
  onAliasChange: () => Promise<void>
  mirror?: RegistryMirror
}) {
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
      if (input.alias === 'champion') await writeChampionPointer(deps.modelsDir, target.dir)
      await deps.onAliasChange()
      const done = `ml:promote: version ${input.version} (${target.dir}) is now ${input.alias}`
      return deps.mirror ? `${done}\n${describeMirror(await deps.mirror.sync())}` : done
    },
  })
}

/** One line on what MLflow now says, or why it could not be told. */
export function describeMirror(outcome: MirrorOutcome): string {
  if (!outcome.ok) {
    return `MLflow mirror failed: ${outcome.error} (the local registry is updated; the next alias change or start retries)`
  }
  const aliases = Object.entries(outcome.aliases)
    .map(([alias, version]) => `${alias} → ${version === null ? 'none' : `version ${version}`}`)
    .join(', ')
  return `MLflow: ${aliases}`
}
