import { z } from 'zod'

/**
 * The command-line inputs that the engine-checking stages (`ml:battle`, `ml:verify-solver`,
 * `ml:verify-optimal`) share, defined once so that a seed or a battle count means and validates
 * the same in each (the values come from the command line as text, hence `coerce`).
 */

/** A seed for a reproducible run: any non-negative 31-bit integer (what the engine's PRNG takes). */
export function seedInput(defaultSeed: number) {
  return z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(defaultSeed)
}

/**
 * Engine battles per pair or scenario: at least 100 (a standard error worth comparing against),
 * at most 100,000 (a run that ends).
 */
export function battlesInput(defaultBattles: number) {
  return z.coerce.number().int().min(100).max(100_000).default(defaultBattles)
}

/** Where to write the Markdown report; without it only the summary is printed. */
export const reportInput = z.string().min(1).optional()
