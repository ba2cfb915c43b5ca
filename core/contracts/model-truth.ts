/**
 * The served model checked against the exact solver on random covered pairs (any learnable move
 * of any form): what the model page shows and `GET /api/v1/model` returns. Produced by the ml
 * plugin's `ml:truth` stage, read through the predictor service (never from files by others).
 */
export interface ErrorStats {
  pairs: number
  /** Mean |P_model − P_exact|. */
  mae: number
  /** Share of pairs off by more than 0.1. */
  shareOver01: number
  maxError: number
}

export interface ModelTruth {
  /** Model folder the report is about. */
  modelDir: string
  createdAt: string
  /** The exact answers used: a random-pairs dataset (seeded draw), possibly still being solved. */
  truth: {
    dataset: string
    /** True when the solve is still running and the report covers the pairs finished so far. */
    partial: boolean
    /** Pairs the dataset drew that the solver declined (answered by the engine): left out. */
    skipped: number
  }
  overall: ErrorStats & { rmse: number; shareOver005: number }
  /** Pairs whose matchup (unordered pair of forms) the model never trained or validated on. */
  unseenMatchups: ErrorStats | null
  /** Predicted probability in ten bins: mean predicted vs mean exact. */
  calibration: { from: number; to: number; pairs: number; predicted: number; exact: number }[]
  /** One row per mechanic class (a pair counts in the classes of both its moves). */
  byMechanic: (ErrorStats & { mechanic: string })[]
  /** The largest errors. */
  worst: { a: string; moveA: string; b: string; moveB: string; predicted: number; exact: number }[]
  /** The acceptance bars and whether they hold. */
  targets: { mae: number; shareOver01: number; mechanicMae: number }
  passed: { mae: boolean; shareOver01: boolean; mechanics: boolean }
  scoring: { seconds: number; pairsPerSecond: number }
}
