/** French texts of the predictor and model pages (`en-battle.ts` has the same shape). */
const s = (n: number) => (n > 1 ? 's' : '')
const SIDE = { a: 'Votre Pokémon', b: 'L’adversaire' }
const MOVES = { a: 'Vos attaques', b: 'Attaques de l’adversaire' }

export const frBattle = {
  title: 'Prédiction de combat',
  lead: 'Tapez votre Pokémon et jusqu’à quatre de ses attaques, puis l’adversaire : PredictionDex classe vos attaques selon votre chance de gagner face à sa riposte la plus dangereuse.',
  form: {
    side: { a: 'Votre Pokémon', b: 'L’adversaire' },
    pokemon: { a: 'Votre Pokémon (nom ou numéro)', b: 'Pokémon adverse (nom ou numéro)' },
    moves: MOVES,
    move: (i: number) => `Attaque ${i}`,
    auto: 'auto',
    autoHint: 'Laissez vide : toutes ses attaques offensives sont envisagées.',
    canUse: (n: number) =>
      `${n} attaque${s(n)} offensive${s(n)} possible${s(n)} : tapez pour chercher (français ou anglais).`,
    weakTo: 'Faible contre',
    noWeakness: 'aucune faiblesse',
    submit: 'Quelle attaque choisir ?',
  },
  errors: {
    summary: (n: number) =>
      n > 1 ? `${n} problèmes empêchent la prédiction :` : 'Un problème empêche la prédiction :',
    unknownPokemon: (side: 'a' | 'b', typed: string) =>
      typed.trim() === ''
        ? `${SIDE[side]} : choisissez un Pokémon (nom français ou anglais, ou numéro).`
        : `${SIDE[side]} : « ${typed} » n’est pas un Pokémon de Let’s Go (tapez un nom français ou anglais, ou un numéro).`,
    noDamagingMove: (side: 'a' | 'b', name: string) =>
      `${SIDE[side]} : ${name} n’a aucune attaque qui inflige des dégâts ; ce combat ne peut pas être prédit. Choisissez un autre Pokémon.`,
    notItsMove: (side: 'a' | 'b', typed: string, name: string) =>
      `${MOVES[side]} : « ${typed} » n’est pas une attaque offensive que ${name} peut utiliser.`,
    noMove: `${MOVES.a} : choisissez au moins une attaque.`,
    noModel: 'Aucun modèle chargé : entraînez-en un (bun run stage ml:train).',
  },
  result: {
    title: (a: string, b: string) => `${a} contre ${b} : la meilleure attaque en premier`,
    best: 'meilleur choix',
    win: 'Chance de victoire',
    methods: { exact: 'calcul exact', sampled: 'échantillonné', model: 'modèle' },
    reply: 'Riposte la plus dangereuse',
    yours: 'Vos dégâts',
    theirs: 'Ses dégâts',
    range: (min: string, max: string) => `${min.replace(' %', '')}–${max}`,
    crit: (span: string) => `(critique : ${span})`,
    perTurn: (pct: string) => `${pct} de ses PV par tour en moyenne`,
    koGuaranteed: (hits: number) => `K.O. garanti en ${hits} coup${s(hits)}`,
    koChance: (pct: string, hits: number) => `${pct} de chances de K.O. en ${hits} coup${s(hits)}`,
    koAverage: (hits: number) => `K.O. en ${hits} coup${s(hits)} en moyenne`,
    koNever: 'aucun K.O. possible',
    damage: 'Dégâts',
    noDetails: {
      model: 'non détaillés : chance estimée par le modèle, sans calcul exact',
      sampled: 'non détaillés : chance mesurée sur des combats simulés par le moteur',
    },
    note: 'Chaque attaque est jugée contre la riposte de l’adversaire qui vous laisse le moins de chances.',
  },
  model: {
    title: 'Le modèle',
    none: 'Aucun modèle n’est chargé pour le moment : entraînez-en un (bun run stage ml:train) ou attendez que le champion soit promu.',
    identity: {
      dir: 'Dossier',
      trainedAt: 'Entraîné le',
      version: 'Version',
      shipped: 'livrée avec le dépôt',
      trees: 'Arbres',
      treesText: (n: string, depth: string, rate: string) =>
        `${n} arbres de profondeur ≤ ${depth}, taux d’apprentissage ${rate}`,
      dataset: 'Jeu de données',
      rows: (part: string, n: string) => `${part} : ${n} lignes`,
    },
    rowsParts: { train: 'entraînement', validation: 'validation', test: 'test' } as Record<string, string>,
    reading:
      'Comment lire ces chiffres : chaque étiquette est un vrai combat joué par le moteur de combat (Pokémon Showdown), pas une estimation. Les deux tests ne partagent rien avec l’entraînement : le test par paires ne contient que des duels jamais vus, le test par espèces que des espèces jamais vues. Les baselines sont des règles simples ; le modèle doit les battre.',
    /** The same, for a model trained on exactly solved random pairs (a `random_pairs` dataset). */
    readingExact:
      'Comment lire ces chiffres : chaque étiquette est la chance de victoire exacte calculée par le solveur (les rares paires qu’il ne modélise pas : des combats joués par le moteur de Pokémon Showdown), pas une estimation. Les deux tests ne partagent rien avec l’entraînement : le test par paires ne contient que des duels jamais vus, le test par espèces que des espèces jamais vues. Les baselines sont des règles simples ; le modèle doit les battre.',
    report: 'Rapport complet (précision, rappel, matrices de confusion, recherche d’hyper-paramètres)',
    parts: {
      pair_test: 'Test par paires (duels jamais vus à l’entraînement)',
      species_test: 'Test par espèces (espèces jamais vues à l’entraînement)',
    },
    predictorHeader: 'Prédicteur',
    served: 'le modèle servi',
    predictors: {
      faster: 'le plus rapide gagne',
      bst: 'le plus gros total de stats gagne',
      turns_to_ko: 'celui qui met K.O. en moins de tours gagne',
    } as Record<string, string>,
    metrics: {
      accuracy: ['Exactitude', 'part des combats dont le vainqueur est bien annoncé (plus haut = mieux).'],
      logLoss: [
        'Log-loss',
        'pénalise les probabilités sûres d’elles et fausses ; 0,6931 = toujours 50 % (plus bas = mieux).',
      ],
      brier: [
        'Score de Brier',
        'écart quadratique moyen entre la probabilité et le résultat 0/1 ; 0,25 = toujours 50 % (plus bas = mieux).',
      ],
      rocAuc: [
        'ROC-AUC',
        'chance qu’un combat gagné reçoive une probabilité plus haute qu’un combat perdu ; 0,5 = pile ou face.',
      ],
      expectedCalibrationError: [
        'ECE (calibration)',
        'écart moyen entre probabilité annoncée et taux de victoire observé (plus bas = mieux).',
      ],
    } as Record<string, [string, string]>,
    charts: {
      'calibration.svg': 'Calibration : taux de victoire observé selon la probabilité prédite',
      'roc-pair-test.svg': 'Courbes ROC — test par paires (duels jamais vus)',
      'roc-species-test.svg': 'Courbes ROC — test par espèces (espèces jamais vues)',
      'feature-importance.svg': 'Les 20 variables qui pèsent le plus dans les décisions',
      'training-loss.svg': 'Log-loss pendant l’entraînement (entraînement et validation)',
    } as Record<string, string>,
    drift: {
      title: 'Dérive des entrées',
      empty: 'Aucune prédiction récente : la dérive se mesure dès que le modèle sert des requêtes.',
      summary: (window: string, over: number, total: number, threshold: string) =>
        `Sur les ${window} dernières prédictions, ${over} variable${s(over)} sur ${total} dépasse${over > 1 ? 'nt' : ''} le seuil de PSI ${threshold}.`,
      hint: 'Le PSI compare la distribution des entrées récentes à celle des données d’entraînement\u00a0; une dérive dit que les questions posées ne ressemblent plus aux combats appris, pas que le modèle se trompe.',
    },
  },
}
