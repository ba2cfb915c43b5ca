/**
 * Loads the Let's Go data of Pokémon Showdown (`@pkmn/dex` + `@pkmn/mods/gen7letsgo`) without
 * disturbing anyone else who uses the same packages in this process.
 *
 * Why the care:
 * - `Dex.mod(...)` of `@pkmn/dex` merges `{inherit: true}` entries *in place* and `@pkmn/sim`'s
 *   `Dex.mod` even fills the mod's own tables with every species of the parent generation. The
 *   mod's `FormatsData` keys are the 188 legal forms only while nobody has called `Dex.mod` on the
 *   mod objects themselves. So we hand `ModdedDex` an entry-by-entry copy (our merge never touches
 *   the shared module), and we re-check the key list with the engine's own Let's Go rule so a
 *   table polluted earlier in the process (by the battle engine, say) still yields the 188 forms
 *   and the very same extract (`polluted-mod.test.ts`).
 * - We construct `ModdedDex` directly instead of `Dex.mod('gen7letsgo', …)`, which would also cache
 *   our instance in `@pkmn/dex`'s process-wide registry.
 */
import { type ID, ModdedDex, type Species } from '@pkmn/dex'

/** Source codes of one move in one learnset, e.g. `['7L1', '7M']`. */
export type RawLearnset = Readonly<Record<string, readonly string[]>>

/** The parts of `@pkmn/mods/gen7letsgo` we read. */
interface LgpeModData {
  readonly FormatsData: Readonly<Record<string, object>>
  readonly Learnsets: Readonly<Record<string, { readonly learnset?: RawLearnset } | undefined>>
  readonly Moves: Readonly<Record<string, object>>
  readonly Species: Readonly<Record<string, object>>
  readonly Scripts: Readonly<Record<string, unknown>>
}

/**
 * `require`, not `import`: the package's `exports` map declares no types for its subpaths, so a
 * static import fails type checking (TS7016). Same choice as the battle engine, so both read the
 * same module instance.
 */
const LGPE: LgpeModData = require('@pkmn/mods/gen7letsgo')

/** Everything the extractors read, loaded once per `extractShowdown()` call. */
export interface LgpeData {
  /** `@pkmn/dex` with the Let's Go mod applied (LGPE move values, LGPE evolutions). */
  dex: ModdedDex
  /** Showdown ids of the 188 Let's Go battle forms, in the mod's (national dex) order. */
  legalIds: readonly string[]
  /** The mod's raw learnsets by Showdown id (only ids that have one). */
  learnsets: Readonly<Record<string, RawLearnset>>
  warnings: string[]
}

/** Formes that exist in Let's Go (base, Alolan, partner, Mega); `isMega` is checked as well. */
const LETS_GO_FORMES = new Set(['', 'Alola', 'Starter', 'Mega', 'Mega-X', 'Mega-Y'])

/**
 * The battle engine's definition of "exists in Let's Go" (`@pkmn/sim`, `dex-species`): Kanto
 * numbers or Meltan/Melmetal, in base, Mega, Alolan or partner form, and never the Alola-cap Pikachu.
 *
 * @example
 * isLetsGoSpecies(dex.species.get('raichualola')) // true
 * isLetsGoSpecies(dex.species.get('pichu'))       // false
 */
export function isLetsGoSpecies(species: Species): boolean {
  if (!species.exists || species.gen > 7) return false
  const kantoOrMeltan = species.num <= 151 || species.name === 'Meltan' || species.name === 'Melmetal'
  const form = species.isMega === true || LETS_GO_FORMES.has(species.forme)
  return kantoOrMeltan && species.num >= 1 && form && species.name !== 'Pikachu-Alola'
}

/**
 * Copies each entry one level deep: enough for `ModdedDex`'s in-place `inherit` merge.
 *
 * `asOverrides` marks every entry `{inherit: true}`. Every Moves and Species entry of the mod is a
 * partial override written that way, but an earlier `Dex.mod` deletes the flag after merging (and
 * `@pkmn/sim`'s merge leaves the texts out); restoring it lets `ModdedDex` fill the missing fields
 * (short descriptions…) from the parent generation again. Present fields always win.
 */
function copyTable<T extends object>(table: T, asOverrides = false): T {
  const copy: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(table)) {
    const isObject = entry !== null && typeof entry === 'object'
    copy[key] = isObject ? { ...entry, ...(asOverrides ? { inherit: true } : {}) } : entry
  }
  return copy as T
}

/**
 * Builds the Let's Go dex and the list of legal forms.
 *
 * @example
 * const { dex, legalIds } = loadLgpeData()
 * legalIds.length                       // 188
 * dex.moves.get('zippyzap').basePower   // 50
 */
export function loadLgpeData(): LgpeData {
  const warnings: string[] = []
  // Key list first: read before anything else can run a Dex.mod over these objects in this call.
  const formatKeys = Object.keys(LGPE.FormatsData)
  const modData = {
    FormatsData: copyTable(LGPE.FormatsData),
    Learnsets: copyTable(LGPE.Learnsets),
    Moves: copyTable(LGPE.Moves, true),
    Species: copyTable(LGPE.Species, true),
    Scripts: LGPE.Scripts,
  }
  const dex = new ModdedDex('gen7letsgo' as ID, modData as never)
  const legalIds = formatKeys.filter((id) => isLetsGoSpecies(dex.species.get(id)))
  if (legalIds.length !== formatKeys.length) {
    warnings.push(
      `@pkmn/mods gen7letsgo FormatsData had ${formatKeys.length} keys (expected the 188 legal forms): ` +
        `an earlier Dex.mod call mutated it; kept the ${legalIds.length} forms the engine's Let's Go rule allows`,
    )
  }
  const learnsets: Record<string, RawLearnset> = {}
  for (const id of legalIds) {
    const learnset = LGPE.Learnsets[id]?.learnset
    if (learnset) learnsets[id] = learnset
  }
  return { dex, legalIds, learnsets, warnings }
}
