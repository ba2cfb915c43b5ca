import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ModdedDex, PokemonSet } from '@pkmn/sim'
import { Dex, TeamValidator } from '@pkmn/sim'
import { assertLgpeInForce } from './engine-checks.ts'
import { BattleError } from './errors.ts'

/** The format every PredictionDex battle is declared in (the npm mod ships no formats of its own). */
export const LGPE_FORMAT_NAME = "[Gen 7 Let's Go] PredictionDex 1v1"

/**
 * Same rules, with `debug: true`, used only by the validator. The only thing `debug` changes in the
 * validator is that it skips the teambuilder nags ("exactly 0 EVs – did you forget to EV it?",
 * "is level 50 but this format allows 100"), which reject perfectly legal LGPE sets with 0 Awakening
 * Values. Battles never use it: in a battle `debug` would add debug log lines and exact HP.
 */
const VALIDATION_FORMAT_NAME = `${LGPE_FORMAT_NAME} (validation)`

const LGPE_RULESET = ['Obtainable', 'Adjust Level = 50', 'HP Percentage Mod', 'Cancel Mod']

/** The parts of `@pkmn/mods/gen7letsgo` the engine reads. */
interface LgpeModData {
  readonly Species: object
  readonly Moves: object
  readonly Learnsets: object
  readonly FormatsData: object
  readonly Scripts: Record<string, unknown> & { statModify: (...args: unknown[]) => number }
}

/**
 * `require`, not `import`: the package's `exports` map declares no types for its subpaths, so a
 * static import fails type checking (TS7016); typing the few fields we read here is enough.
 */
const LGPE: LgpeModData = require('@pkmn/mods/gen7letsgo')

export type LgpeFormat = ReturnType<ModdedDex['formats']['get']>

/** Versions of the engine packages that produced a label: stored next to every dataset and model. */
export interface EngineVersions {
  readonly '@pkmn/sim': string
  readonly '@pkmn/mods': string
}

/**
 * Everything needed to build sets and run LGPE battles. Create one per process (or per worker) and
 * keep it: creation costs tens of milliseconds, battles reuse the dex, format and validator.
 */
export interface LgpeEngine {
  /** `@pkmn/sim` dex with the `gen7letsgo` mod (and the Awakening-Value fix) in force. */
  readonly dex: ModdedDex
  /** The battle format (`LGPE_FORMAT_NAME`). */
  readonly format: LgpeFormat
  /** Validator bound to the same rules (see `VALIDATION_FORMAT_NAME` for why its format differs). */
  readonly validator: TeamValidator
  /** Ids of the 188 species and forms legal in LGPE (151 + Meltan/Melmetal + Alolan, Mega, partner). */
  readonly legalSpecies: ReadonlySet<string>
  readonly versions: EngineVersions
}

/**
 * Builds the LGPE engine and proves, before returning, that the LGPE rules are really in force
 * (mod active, LGPE move data, LGPE species pool, Awakening Values on every stat).
 *
 * Why the extra work: a wrong format id in `@pkmn/sim` silently falls back to Gen 9 rules, and
 * the 0.10.11 mod adds Awakening Values to HP only. Both would produce plausible but wrong labels.
 *
 * @throws BattleError `BATTLE_ENGINE_MISMATCH` when any of the checks fails.
 * @example
 * const engine = createLgpeEngine()
 * engine.dex.moves.get('zippyzap').basePower // 50
 */
export function createLgpeEngine(): LgpeEngine {
  let engine: LgpeEngine
  try {
    const dex = Dex.mod('gen7letsgo', freshModData() as any)
    dex.formats.extend([
      { name: LGPE_FORMAT_NAME, mod: 'gen7letsgo', ruleset: [...LGPE_RULESET] },
      { name: VALIDATION_FORMAT_NAME, mod: 'gen7letsgo', ruleset: [...LGPE_RULESET], debug: true },
    ] as any)
    const format = dex.formats.get(LGPE_FORMAT_NAME, true)
    const validator = new TeamValidator(dex.formats.get(VALIDATION_FORMAT_NAME, true), dex)
    // Derived from the modded dex, not from `Object.keys(LGPE.FormatsData)`: Dex.mod fills the
    // mod's tables with every parent entry, so those keys are only right before any Dex.mod call.
    const legalSpecies = new Set(
      dex.species
        .all()
        .filter((species) => species.exists && !species.isNonstandard)
        .map((species) => species.id as string),
    )
    engine = { dex, format, validator, legalSpecies, versions: readEngineVersions() }
  } catch (error) {
    throw new BattleError('BATTLE_ENGINE_MISMATCH', `could not build the LGPE engine: ${String(error)}`, {
      cause: error,
    })
  }
  assertLgpeInForce(engine)
  return engine
}

/**
 * A copy of the mod's data, two levels deep, with the Awakening-Value fix in `Scripts`.
 * `Dex.mod` writes into the tables it is given (adds every parent entry, deletes `inherit` flags);
 * copying keeps the shared `@pkmn/mods` module pristine for other code in the same process and
 * lets several engines be created.
 */
function freshModData(): Record<string, unknown> {
  const scripts = LGPE.Scripts
  return {
    Species: copyTable(LGPE.Species),
    Moves: copyTable(LGPE.Moves),
    Learnsets: copyTable(LGPE.Learnsets),
    FormatsData: copyTable(LGPE.FormatsData),
    Scripts: {
      ...scripts,
      /** 0.10.11 adds Awakening Values (stored in `evs`) to HP only; LGPE adds them to every stat. */
      statModify(this: unknown, baseStats: unknown, set: PokemonSet, statName: string): number {
        const value: number = scripts.statModify.call(this, baseStats, set, statName)
        return statName === 'hp' ? value : value + (set.evs[statName as keyof PokemonSet['evs']] ?? 0)
      },
    },
  }
}

function copyTable(table: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(table)) {
    if (entry === null || typeof entry !== 'object') {
      copy[key] = entry
      continue
    }
    const entryCopy: Record<string, unknown> = { ...entry }
    if (entryCopy.condition && typeof entryCopy.condition === 'object') {
      entryCopy.condition = { ...entryCopy.condition }
    }
    copy[key] = entryCopy
  }
  return copy
}

function readEngineVersions(): EngineVersions {
  return {
    '@pkmn/sim': readPackageVersion('@pkmn/sim'),
    '@pkmn/mods': readPackageVersion('@pkmn/mods'),
  }
}

function readPackageVersion(name: string): string {
  const path = fileURLToPath(import.meta.resolve(`${name}/package.json`))
  const version: unknown = JSON.parse(readFileSync(path, 'utf8')).version
  if (typeof version !== 'string') throw new Error(`${name}/package.json has no version`)
  return version
}
