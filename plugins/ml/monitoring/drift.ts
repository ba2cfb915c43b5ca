import { type FeatureReference, psi } from './psi.ts'

/**
 * A sliding window of the feature vectors the service scored, compared with the training
 * reference saved in the model's metadata. Fixed memory: `window` rows × features in one typed
 * array used as a ring.
 */
export interface DriftMonitor {
  observe(values: Float32Array, nRows: number): void
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
    observe(values, nRows) {
      for (let r = 0; r < nRows; r++) {
        ring.set(values.subarray(r * width, (r + 1) * width), next * width)
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
