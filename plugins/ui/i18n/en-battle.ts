import type { frBattle } from './fr-battle.ts'

/** English texts of the predictor and model pages. */
const s = (n: number) => (n === 1 ? '' : 's')
const SIDE = { a: 'Your Pokémon', b: 'The opponent' }
const MOVES = { a: 'Your moves', b: 'The opponent’s moves' }

export const enBattle: typeof frBattle = {
  title: 'Battle prediction',
  lead: 'Type your Pokémon and up to four of its moves, then the opponent: PredictionDex ranks your moves by your chance to win against its most dangerous reply.',
  form: {
    side: { a: 'Your Pokémon', b: 'The opponent' },
    pokemon: { a: 'Your Pokémon (name or number)', b: 'Opposing Pokémon (name or number)' },
    moves: MOVES,
    move: (i) => `Move ${i}`,
    auto: 'auto',
    autoHint: 'Leave empty: every damaging move it has is considered.',
    canUse: (n) => `${n} damaging move${s(n)} available: type to search (English or French).`,
    weakTo: 'Weak to',
    noWeakness: 'no weakness',
    submit: 'Which move should I use?',
  },
  errors: {
    summary: (n) =>
      n > 1 ? `${n} problems prevent the prediction:` : 'One problem prevents the prediction:',
    unknownPokemon: (side, typed) =>
      typed.trim() === ''
        ? `${SIDE[side]}: choose a Pokémon (English or French name, or number).`
        : `${SIDE[side]}: “${typed}” is not a Let’s Go Pokémon (type an English or French name, or a number).`,
    noDamagingMove: (side, name) =>
      `${SIDE[side]}: ${name} has no move that deals damage, so this battle cannot be predicted. Choose another Pokémon.`,
    notItsMove: (side, typed, name) => `${MOVES[side]}: “${typed}” is not a damaging move ${name} can use.`,
    noMove: `${MOVES.a}: choose at least one move.`,
    noModel: 'No model loaded: train one (bun run stage ml:train).',
  },
  result: {
    title: (a, b) => `${a} vs ${b}: best move first`,
    best: 'best choice',
    win: 'Chance to win',
    methods: { exact: 'exact', sampled: 'sampled', model: 'model' },
    reply: 'Most dangerous reply',
    yours: 'Your damage',
    theirs: 'Its damage',
    range: (min, max) => `${min.replace('%', '')}–${max}`,
    crit: (span) => `(critical hit: ${span})`,
    perTurn: (pct) => `${pct} of its HP per turn on average`,
    koGuaranteed: (hits) => `guaranteed KO in ${hits} hit${s(hits)}`,
    koChance: (pct, hits) => `${pct} chance to KO in ${hits} hit${s(hits)}`,
    koAverage: (hits) => `KO in ${hits} hit${s(hits)} on average`,
    koNever: 'no KO possible',
    damage: 'Damage',
    noDetails: {
      model: 'not detailed: chance estimated by the model, without an exact solve',
      sampled: 'not detailed: chance measured over battles simulated by the engine',
    },
    note: 'Each move is judged against the opponent’s reply that leaves you the lowest chance.',
  },
  model: {
    title: 'The model',
    none: 'No model is loaded yet: train one (bun run stage ml:train) or wait for the champion to be promoted.',
    identity: {
      dir: 'Folder',
      trainedAt: 'Trained on',
      version: 'Version',
      shipped: 'shipped with the repository',
      trees: 'Trees',
      treesText: (n, depth, rate) => `${n} trees of depth ≤ ${depth}, learning rate ${rate}`,
      dataset: 'Dataset',
      rows: (part, n) => `${part}: ${n} rows`,
    },
    rowsParts: { train: 'training', validation: 'validation', test: 'test' },
    reading:
      'How to read these figures: every label is a real battle played by the battle engine (Pokémon Showdown), not an estimate. The two tests share nothing with training: the pair test holds only unseen matchups, the species test only unseen species. The baselines are simple rules; the model must beat them.',
    readingExact:
      'How to read these figures: every label is the exact chance to win computed by the solver (the few pairs it does not model: battles played by the Pokémon Showdown engine), not an estimate. The two tests share nothing with training: the pair test holds only unseen matchups, the species test only unseen species. The baselines are simple rules; the model must beat them.',
    report: 'Full report (precision, recall, confusion matrices, hyper-parameter search)',
    parts: {
      pair_test: 'Pair test (matchups never seen in training)',
      species_test: 'Species test (species never seen in training)',
    },
    predictorHeader: 'Predictor',
    served: 'the served model',
    predictors: {
      faster: 'the faster one wins',
      bst: 'the higher base stat total wins',
      turns_to_ko: 'the one that KOs in fewer turns wins',
    },
    metrics: {
      accuracy: ['Accuracy', 'share of battles whose winner is called right (higher is better).'],
      logLoss: ['Log-loss', 'punishes confident wrong probabilities; 0.6931 = always 50% (lower is better).'],
      brier: [
        'Brier score',
        'mean squared gap between the probability and the 0/1 outcome; 0.25 = always 50% (lower is better).',
      ],
      rocAuc: [
        'ROC-AUC',
        'chance that a won battle gets a higher probability than a lost one; 0.5 = a coin flip.',
      ],
      expectedCalibrationError: [
        'ECE (calibration)',
        'mean gap between announced probability and observed win rate (lower is better).',
      ],
    },
    charts: {
      'calibration.svg': 'Calibration: observed win rate against predicted probability',
      'roc-pair-test.svg': 'ROC curves — pair test (unseen matchups)',
      'roc-species-test.svg': 'ROC curves — species test (unseen species)',
      'feature-importance.svg': 'The 20 features that weigh most in the decisions',
      'training-loss.svg': 'Log-loss during training (training and validation)',
    },
    drift: {
      title: 'Input drift',
      empty: 'No recent prediction: drift is measured as soon as the model serves requests.',
      summary: (window, over, total, threshold) =>
        `Over the last ${window} predictions, ${over} of ${total} feature${s(total)} exceed the PSI threshold ${threshold}.`,
      hint: 'PSI compares the distribution of recent inputs with the training data; drift says the questions asked no longer look like the battles learned, not that the model is wrong.',
    },
  },
}
