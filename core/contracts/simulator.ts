import { createServiceRef } from '../services.ts'

/** K seeded battles of one matchup on the real engine: the user's way to check a prediction. */
export interface SimulationRequest {
  a: string
  b: string
  /** Move slugs (1–4); default: the 4 with the highest expected damage against the opponent. */
  movesA?: string[]
  movesB?: string[]
  /** `optimal`: the optimal-play solver's strategy (the two-player game, solved once per task). */
  policyA?: 'best' | 'random' | 'fixed' | 'optimal'
  policyB?: 'best' | 'random' | 'fixed' | 'optimal'
  k: number
  seed: number
}

export interface SimulationResult {
  battles: number
  wins: number
  losses: number
  draws: number
  caps: number
  winRate: number
  wilson95: readonly [number, number]
  meanTurns: number
  movesA: string[]
  movesB: string[]
  usedA: Record<string, number>
  usedB: Record<string, number>
}

export interface Simulator {
  /**
   * Runs off the calling thread in a bounded worker pool, within a time limit.
   * @throws KernelError `ML_SIMULATION_BUSY` (queue full), `ML_SIMULATION_TIMEOUT`, or a UsageError for bad input.
   */
  simulate(request: SimulationRequest): Promise<SimulationResult>
}

/** @example const simulator = ctx.services.get(simulatorRef) */
export const simulatorRef = createServiceRef<Simulator>('ml.simulator')
