/**
 * Known places where `@pkmn/dex` disagrees with the battle engine (`@pkmn/sim`) on Let's Go data.
 *
 * Why this exists: Showdown's gen 7 mod writes `secondary: undefined // no inherit` to cancel a
 * field inherited from the current generation. `@pkmn/dex` ships its data without `undefined`
 * values, so its merge inherits the field anyway. The engine, which labels our battles, is the
 * reference; each correction below is checked against it by `engine-parity.test.ts`.
 */
import type { SecondaryEffect } from '@pkmn/dex'

export interface SecondaryCorrection {
  secondaries: readonly SecondaryEffect[]
  why: string
}

/** Chance-based effects to use instead of the dex's, by Showdown move id. */
export const SECONDARY_CORRECTIONS: Readonly<Record<string, SecondaryCorrection>> = {
  zippyzap: {
    secondaries: [],
    why:
      "@pkmn/dex inherits Scarlet/Violet's 100% evasion +1 because it drops the gen 7 mod's " +
      "`secondary: undefined`; the engine and the Let's Go games have no secondary effect",
  },
}
