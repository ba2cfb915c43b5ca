import type { frMl } from './fr-ml.ts'

/** English texts of the truth report (model page) and of the opponents (Pokédex page). */
export const enMl: typeof frMl = {
  truth: {
    title: 'The model against the exact solver',
    lead: (pairs, dataset) =>
      `On ${pairs} random pairs (any form, any learnable move, status moves included), the model’s probability next to the solver’s exact value (dataset ${dataset}).`,
    partial: 'The exact solve is still running: the report covers the pairs solved so far.',
    measure: 'Measure',
    value: 'Value',
    target: 'Target',
    met: 'Met',
    yes: 'yes',
    no: 'no',
    pairs: 'Pairs',
    mae: 'Mean absolute error',
    over01: 'Share of pairs off by more than 0.1',
    worstClass: 'Worst mechanic (mean error)',
    unseen: (pairs, mae) => `On the ${pairs} pairs whose matchup was never trained on: mean error ${mae}.`,
    byMechanic: 'Error by mechanic',
    mechanic: 'Mechanic',
    calibration: 'Calibration',
    predicted: 'Predicted',
    exact: 'Exact',
    worst: 'Largest errors',
    none: 'No truth report for this model (bun run stage ml:truth).',
  },
  matchups: {
    title: 'Best and worst matchups',
    lead: (moves) =>
      `With ${moves}, every Pokémon ranked as an opponent by the model (its most dangerous reply; your best move against it).`,
    loading: 'Computing the 188 matchups…',
    worst: 'Most dangerous',
    best: 'Easiest',
    opponent: 'Opponent',
    chance: 'Your chance',
    move: 'Your move',
    reply: 'Its reply',
    exact: 'Exact',
    pending: 'being solved',
    sampled: 'simulated',
    unavailable: 'No model is loaded: the opponent ranking is unavailable.',
    noMoves: 'This Pokémon has no damaging move: no ranking.',
    all: 'Every opponent (API)',
  },
}
