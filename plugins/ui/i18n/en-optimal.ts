import type { frOptimal } from './fr-optimal.ts'

/** English texts of the predictor's optimal-play part (`pages/predict-optimal.tsx`). */
export const enOptimal: typeof frOptimal = {
  title: 'Optimal play: choosing every turn',
  lead: 'Each turn both Pokémon choose at the same time, knowing the HP left. Here is the best choice at every moment if the opponent plays perfectly too — computed exactly, not simulated.',
  loading: 'Computing optimal play…',
  show: 'Show optimal play',
  value: 'Your chance to win if both sides play perfectly',
  now: 'Use now',
  theirs: 'The opponent’s best choice',
  mixed: 'A mixed choice: vary at random with these probabilities, so the opponent cannot read you.',
  gain: (pct, move) =>
    `+${pct} over the best single move (${move} every turn, against an opponent who chooses every turn).`,
  noGain: (move) => `As good as the best single move (${move} every turn): switching does not help here.`,
  chartTitle: (a, b) => `Move to use by the HP of ${a} and of ${b}`,
  chartDesc:
    'Each cell is a pair (your HP, the opponent’s HP), coloured by the move to use (grey: cannot happen in this battle); the dot marks the current situation.',
  axisTheirs: (name) => `${name}’s HP →`,
  axisMine: (name) => `${name}’s HP ↑`,
  legendMixed: 'mixed choice',
  legendUnreachable: 'cannot happen in this battle from full HP (the mid-battle form answers any HP)',
  legendLost: 'lost whatever you play (the opponent has a move that keeps you from winning)',
  struggle: 'Struggle',
  recharge: 'recharge',
  share: (pct) => `${pct} of situations`,
  form: {
    legend: 'Mid-battle: what should I click now?',
    hpa: (name) => `${name}’s HP`,
    hpb: (name) => `${name}’s HP`,
    of: (hp, max) => `${hp} / ${max}`,
    submit: 'What now?',
    at: (hpa, hpb) => `Situation: your HP ${hpa}, the opponent’s HP ${hpb}.`,
  },
  states: (states, cells, ms) =>
    `${states} battle states, ${cells} situations (state × HP) valued in ${ms} ms.`,
  tooBig:
    'This battle has too many possible states to solve exactly in the time allowed (a limit was reached). Drop a status move or try fewer moves.',
  unsupported:
    'One of these moves is not modelled in optimal play (Metronome, Mimic, Mirror Move, Transform, Encore).',
}
