/**
 * French for the trainer's English artefacts (the report page and the five SVG charts), applied
 * when the page is read in French.
 *
 * Why here and why a phrase table: the ML plugin writes its report and charts once, in English,
 * next to the model (the committed champion has no data left to redraw them), and the web app only
 * serves those files. Translating their fixed sentences and number formats at serving time gives
 * French readers French charts without a second copy of every artefact. A sentence this table does
 * not know stays in English: the test keeps the shipped champion's files fully covered.
 */

/** Whole texts (trimmed) → French. */
const EXACT: Record<string, string> = {
  'Summary.': 'En bref.',
  Model: 'Le modèle',
  'How to read this': 'Comment lire ce rapport',
  'Every figure counts battles: a row where A won w of k simulated battles is k battles, w of them won, all sharing the row’s predicted P(A wins). The pair test holds matchups never seen in training, the species test species never seen in training. In each table the best value of a column is bold (values equal to 4 decimals are all bold).':
    'Chaque chiffre compte des combats : une ligne où A a gagné w de k combats simulés compte pour k combats, dont w gagnés, tous avec la même P(A gagne) prédite. Le test par paires ne contient que des duels jamais vus à l’entraînement, le test par espèces que des espèces jamais vues. Dans chaque tableau, la meilleure valeur d’une colonne est en gras (les valeurs égales à 4 décimales le sont toutes).',
  Accuracy: 'Exactitude',
  ': share of battles whose winner is called right (A when P ≥ 0.5).':
    ' : part des combats dont le vainqueur est bien annoncé (A quand P ≥ 0,5).',
  Precision: 'Précision',
  ': of the battles called for A, the share A actually won.':
    ' : parmi les combats annoncés pour A, la part que A a vraiment gagnés.',
  Recall: 'Rappel',
  ': of the battles A won, the share called for A.':
    ' : parmi les combats gagnés par A, la part annoncée pour A.',
  ': harmonic mean of precision and recall.': ' : moyenne harmonique de la précision et du rappel.',
  ': chance a won battle gets a higher P than a lost one (0.5 = coin flip).':
    ' : chance qu’un combat gagné reçoive une P plus haute qu’un combat perdu (0,5 = pile ou face).',
  ': mean −ln of the probability given to what happened; lower is better, 0.6931 = always 0.5.':
    ' : moyenne de −ln de la probabilité donnée à ce qui s’est passé ; plus bas = mieux, 0,6931 = toujours 0,5.',
  ': mean squared gap between P and the 0/1 outcome; lower is better, 0.25 = always 0.5.':
    ' : écart quadratique moyen entre P et le résultat 0/1 ; plus bas = mieux, 0,25 = toujours 0,5.',
  ': battle-weighted gap between predicted and observed win rate over 10 bins; lower is better.':
    ' : écart, pondéré par les combats, entre taux de victoire prédit et observé sur 10 classes ; plus bas = mieux.',
  'Baselines are rules that name a winner; each verdict is turned into a probability, the win rate that verdict had on the':
    'Les baselines sont des règles qui désignent un vainqueur ; chaque verdict devient une probabilité, le taux de victoire de ce verdict sur les',
  'training rows': 'lignes d’entraînement',
  ', so baselines are calibrated on training rows and never on the rows they are tested on.':
    ', si bien qu’elles sont calibrées sur l’entraînement et jamais sur les lignes où on les teste.',
  ': the side with the higher level-50 Speed wins.': ' : le plus rapide au niveau 50 gagne.',
  ': the side with the higher base-stat total wins.': ' : le plus gros total de stats de base gagne.',
  ': the side needing fewer turns to KO (damage calc) wins, Speed breaking ties.':
    ' : celui qui met K.O. en moins de tours (calcul de dégâts) gagne, la Vitesse départageant.',
  'Model and data': 'Modèle et données',
  Identity: 'Identité',
  Name: 'Nom',
  Value: 'Valeur',
  'Model version': 'Version du modèle',
  Created: 'Créé le',
  'Feature spec version': 'Version des variables',
  Dataset: 'Jeu de données',
  'Manifest hash': 'Empreinte du manifeste',
  'Rows per split': 'Lignes par partie',
  Split: 'Partie',
  Rows: 'Lignes',
  train: 'entraînement',
  'Training parameters': 'Paramètres d’entraînement',
  Predictor: 'Prédicteur',
  model: 'modèle',
  'False positive rate': 'Taux de faux positifs',
  'True positive rate': 'Taux de vrais positifs',
  'Actual / predicted': 'Réel / prédit',
  'A wins': 'A gagne',
  'B wins': 'B gagne',
  Total: 'Total',
  'A won': 'A a gagné',
  'B won': 'B a gagné',
  Scenario: 'Scénario',
  Battles: 'Combats',
  Calibration: 'Calibration',
  'Pair test (unseen matchups)': 'Test par paires (duels jamais vus)',
  'Species test (unseen species)': 'Test par espèces (espèces jamais vues)',
  'Calibration of the model on the test parts': 'Calibration du modèle sur les parties de test',
  'Mean predicted P(A wins)': 'P(A gagne) prédite moyenne',
  'Observed win rate': 'Taux de victoire observé',
  'Reliability diagram: observed win rate per bin of predicted P(A wins); dot area ∝ battles.':
    'Diagramme de fiabilité : taux de victoire observé par classe de P(A gagne) prédite ; aire des points ∝ combats.',
  'Feature importance': 'Importance des variables',
  'Feature importance (top 20 by gain)': 'Importance des variables (20 premières par gain)',
  'Share of total gain': 'Part du gain total',
  'The 20 features with the largest share of total split gain.':
    'Les 20 variables qui apportent la plus grande part du gain total des coupes.',
  Training: 'Entraînement',
  'Log-loss per boosting round': 'Log-loss par itération de boosting',
  'Boosting round': 'Itération de boosting',
  training: 'entraînement',
  'Training and validation log-loss per round; the dashed line marks the kept round.':
    'Log-loss d’entraînement et de validation par itération ; le trait pointillé marque l’itération retenue.',
  'Hyper-parameter search': 'Recherche d’hyper-paramètres',
  'grouped k-fold CV by unordered pair; early stopping on the validation split':
    'validation croisée en k blocs groupés par paire non ordonnée ; arrêt précoce sur la partie validation',
  Rank: 'Rang',
  'CV log-loss': 'Log-loss (VC)',
  '± std': '± écart-type',
  Chosen: 'Retenue',
  chosen: 'retenue',
}

const PARTS: [RegExp, string][] = [
  [/Pair test \(unseen matchups\)/g, 'test par paires (duels jamais vus)'],
  [/Species test \(unseen species\)/g, 'test par espèces (espèces jamais vues)'],
  [/pair test \(unseen matchups\)/g, 'test par paires (duels jamais vus)'],
  [/species test \(unseen species\)/g, 'test par espèces (espèces jamais vues)'],
  [/\bmodel · /g, 'modèle · '],
  [/\bmodel: AUC/g, 'modèle : AUC'],
  [/\bmodel \(AUC/g, 'modèle (AUC'],
]

/** Sentences with figures in them: pattern → French. Applied after the test-part names. */
const PATTERNS: [RegExp, string][] = [
  [/^Model report — (.+)$/, 'Rapport du modèle — $1'],
  [
    /^on the pair test \(([\d,]+) battles\): accuracy ([\d.]+), ROC-AUC ([\d.]+), log-loss ([\d.]+), better than the best baseline$/,
    'sur le test par paires ($1 combats) : exactitude $2, ROC-AUC $3, log-loss $4, meilleur que la meilleure baseline',
  ],
  [
    /^\(([\d.]+)\); species test \(([\d,]+) battles\): accuracy ([\d.]+), ROC-AUC ([\d.]+), log-loss ([\d.]+), better than the best baseline$/,
    '($1) ; sur le test par espèces ($2 combats) : exactitude $3, ROC-AUC $4, log-loss $5, meilleur que la meilleure baseline',
  ],
  [/^Model vs baselines — (.+), ([\d,]+) battles$/, 'Le modèle face aux baselines — $1, $2 combats'],
  [/^ROC — (.+)$/, 'ROC — $1'],
  [/^ROC curves on the (.+)\.$/, 'Courbes ROC sur le $1.'],
  [
    /^Receiver operating characteristic: true positive rate against false positive rate as the decision threshold falls; the dashed diagonal is a random guess\. (.+)$/,
    'Courbe ROC : taux de vrais positifs selon le taux de faux positifs quand le seuil de décision baisse ; la diagonale pointillée est le hasard. $1',
  ],
  [
    /^Confusion matrix of the model at P ≥ 0\.5 \(battles\) — (.+)$/,
    'Matrice de confusion du modèle à P ≥ 0,5 (combats) — $1',
  ],
  [/^The model per scenario — (.+)$/, 'Le modèle par scénario — $1'],
  [
    /^Observed win rate against mean predicted probability per probability bin for (.+); dot area is proportional to the number of battles in the bin; the dashed diagonal is perfect calibration\.$/,
    'Taux de victoire observé selon la probabilité prédite moyenne, par classe de probabilité, pour $1 ; l’aire des points est proportionnelle au nombre de combats de la classe ; la diagonale pointillée est la calibration parfaite.',
  ],
  [
    /^(.+), p in \[([\d.]+), ([\d.]+)\): mean predicted ([\d.]+), observed ([\d.]+), ([\d,]+) battles$/,
    '$1, p dans [$2 ; $3[ : prédit en moyenne $4, observé $5, $6 combats',
  ],
  [
    /^Horizontal bar chart of the top (\d+) of (\d+) items, largest first: (.+)$/,
    'Diagramme en barres des $1 premières variables sur $2, la plus forte en premier : $3',
  ],
  [
    /^Line chart of Log-loss against Boosting round\. training: (\d+) points, last \((\d+), ([\d.]+)\); validation: (\d+) points, last \((\d+), ([\d.]+)\)$/,
    'Courbe de la log-loss selon l’itération de boosting. entraînement : $1 points, dernier ($2 ; $3) ; validation : $4 points, dernier ($5 ; $6)',
  ],
  // the chart leaves room for about 15 characters: « meilleure itération 437 » was cut off
  [/^best round (\d+)$/, 'optimum : $1'],
  [
    /^(\d+) boosting rounds ran; the model keeps (\d+) trees \(validation log-loss ([\d.]+) at the best round\)\.$/,
    '$1 itérations de boosting ; le modèle garde $2 arbres (log-loss de validation $3 à la meilleure itération).',
  ],
  [
    /^Top (\d+) of (\d+) configurations by CV log-loss$/,
    'Les $1 meilleures configurations sur $2 par log-loss en validation croisée',
  ],
]

const NARROW_NBSP = '\u202f'

const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
})

/** « 237 952 » and « 0,9301 »; a whole ISO timestamp as « 2 décembre 2026 à 07:40 UTC »; identifiers and hashes left alone. */
function frenchNumbers(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(text)) {
    const date = new Date(text)
    if (!Number.isNaN(date.getTime())) return `${FRENCH_DATE.format(date)} UTC`
  }
  if (/\d{4}-\d{2}-\d{2}T/.test(text)) return text
  return text
    .replace(/(?<![\w.])(\d{1,3}(?:,\d{3})+)(?![\w,])/g, (n) => n.replaceAll(',', NARROW_NBSP))
    .replace(/(?<![\w.])(\d+)\.(\d+)(?![\w.])/g, '$1,$2')
}

/** One text node or attribute value in French. */
export function frenchText(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '') return text
  const lead = text.slice(0, text.indexOf(trimmed))
  const tail = text.slice(lead.length + trimmed.length)
  let out = EXACT[trimmed]
  if (out === undefined) {
    out = PARTS.reduce((t, [re, fr]) => t.replace(re, fr), trimmed)
    for (const [re, fr] of PATTERNS) {
      if (re.test(out)) {
        out = out.replace(re, fr)
        break
      }
    }
  }
  return lead + frenchNumbers(out) + tail
}

/**
 * Translates the text of an SVG chart or HTML report (text nodes and `aria-label`, `title`, `alt`
 * attributes; `<style>` left alone) and marks the document French.
 *
 * @example
 * frenchDocument('<svg><title>Observed win rate</title><text>0.2</text></svg>')
 * // '<svg><title>Taux de victoire observé</title><text>0,2</text></svg>'
 */
export function frenchDocument(source: string): string {
  const parts = source.split(/(<style[\s\S]*?<\/style>)/)
  return parts
    .map((part) =>
      part.startsWith('<style')
        ? part
        : part
            .replace(/>([^<>]+)</g, (_, text: string) => `>${frenchText(text)}<`)
            .replace(
              /\s(aria-label|title|alt)="([^"]*)"/g,
              (_, name: string, value: string) => ` ${name}="${frenchText(value)}"`,
            )
            .replace(/<html lang="en"/, '<html lang="fr"'),
    )
    .join('')
}
