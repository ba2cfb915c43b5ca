import { type FeatureReference, psi } from './psi.ts'

/**
 * A sliding window of the feature vectors the service scored, compared with the training
 * reference saved in the model's metadata. Fixed memory: `window` rows × features in one typed
 * array used as a ring.
 */
export interface DriftMonitor {
  /** Adds scored feature rows (each `names.length` wide) to the window, oldest rows leaving first. */
  observe(rows: readonly { readonly row: Float32Array }[]): void
  /** Rows in the window now (PSI over a few rows is noise; alerts wait for a full-ish window). */
  rows(): number
  report(): { window: number; features: { name: string; psi: number }[] }
}

export function createDriftMonitor(
  names: readonly string[],
  reference: readonly FeatureReference[],
  window = 2000,
): DriftMonitor {
  const width = names.length
  const ring = new Float32Array(window * width)
  let next = 0
  let filled = 0
  return {
    observe(rows) {
      // row by row into the ring: no per-request matrix (a 16-pair request would allocate 13 KB)
      for (const { row } of rows) {
        ring.set(row, next * width)
        next = (next + 1) % window
        filled = Math.min(window, filled + 1)
      }
    },
    rows: () => filled,
    report() {
      const column = new Float64Array(filled)
      const features = names.map((name, f) => {
        for (let r = 0; r < filled; r++) column[r] = ring[r * width + f]!
        return { name, psi: reference[f] ? psi(reference[f], column) : 0 }
      })
      return { window: filled, features }
    },
  }
}
