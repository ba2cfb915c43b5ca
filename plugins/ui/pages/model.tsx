import { join } from 'node:path'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { DriftReport, ModelInfo, Predictor } from '../../../core/contracts/predictor.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'
import {
  BASELINES,
  METRIC_KEYS,
  type MetricKey,
  type MetricRow,
  modelMetrics,
  readBaselines,
  TEST_PARTS,
  type TestPart,
} from './model-baselines.ts'

/** The only files `/model/charts/:file` serves, with their French captions. */
export const MODEL_CHARTS: Record<string, string> = {
  'calibration.svg': 'Calibration : taux de victoire observé selon la probabilité prédite',
  'roc-pair-test.svg': 'Courbes ROC — test par paires (duels jamais vus)',
  'roc-species-test.svg': 'Courbes ROC — test par espèces (espèces jamais vues)',
  'feature-importance.svg': 'Les 20 variables qui pèsent le plus dans les décisions',
  'training-loss.svg': 'Log-loss pendant l’entraînement (entraînement et validation)',
}

const METRICS: Record<MetricKey, { label: string; help: string; digits: number }> = {
  accuracy: {
    label: 'Exactitude',
    help: 'part des combats dont le vainqueur est bien annoncé (plus haut = mieux).',
    digits: 4,
  },
  logLoss: {
    label: 'Log-loss',
    help: 'pénalise les probabilités sûres d’elles et fausses ; 0,6931 = toujours 50 % (plus bas = mieux).',
    digits: 4,
  },
  brier: {
    label: 'Score de Brier',
    help: 'écart quadratique moyen entre la probabilité et le résultat 0/1 ; 0,25 = toujours 50 % (plus bas = mieux).',
    digits: 4,
  },
  rocAuc: {
    label: 'ROC-AUC',
    help: 'chance qu’un combat gagné reçoive une probabilité plus haute qu’un combat perdu ; 0,5 = pile ou face.',
    digits: 4,
  },
  expectedCalibrationError: {
    label: 'ECE (calibration)',
    help: 'écart moyen entre probabilité annoncée et taux de victoire observé (plus bas = mieux).',
    digits: 4,
  },
}
const PARTS: Record<TestPart, string> = {
  pair_test: 'Test par paires (duels jamais vus à l’entraînement)',
  species_test: 'Test par espèces (espèces jamais vues à l’entraînement)',
}
const PREDICTORS: Record<string, string> = {
  faster: 'le plus rapide gagne',
  bst: 'le plus gros total de stats gagne',
  turns_to_ko: 'celui qui met K.O. en moins de tours gagne',
}
const ROWS: Record<string, string> = { train: 'entraînement', validation: 'validation', test: 'test' }

const fr = (x: number, digits = 4) => x.toFixed(digits).replace('.', ',')
const thousands = (n: number) => n.toLocaleString('fr-FR')

function MetricsTable(props: { part: TestPart; model: MetricRow; baselines: Record<string, MetricRow> }) {
  const rows: [string, string, MetricRow][] = [
    ['modèle', 'le modèle servi', props.model],
    ...BASELINES.filter((b) => props.baselines[b]).map((b): [string, string, MetricRow] => [
      b,
      PREDICTORS[b] ?? b,
      props.baselines[b]!,
    ]),
  ]
  return (
    <table class="metrics">
      <caption>{PARTS[props.part]}</caption>
      <thead>
        <tr>
          <th scope="col">Prédicteur</th>
          {METRIC_KEYS.map((k) => (
            <th scope="col">{METRICS[k].label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, help, row], i) => (
          <tr class={i === 0 ? 'model-row' : undefined}>
            <th scope="row">
              <code>{name}</code> <small>{help}</small>
            </th>
            {METRIC_KEYS.map((k) => (
              <td>{row[k] === undefined ? '—' : fr(row[k]!, METRICS[k].digits)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Drift(props: { drift: DriftReport }) {
  const over = props.drift.features.filter((f) => f.drifted).sort((a, b) => b.psi - a.psi)
  return (
    <section class="drift">
      <h2>Dérive des entrées</h2>
      {props.drift.window === 0 ? (
        <p>Aucune prédiction récente : la dérive se mesure dès que le modèle sert des requêtes.</p>
      ) : (
        <p>
          {`Sur les ${thousands(props.drift.window)} dernières prédictions, ${over.length} variable(s) sur ${props.drift.features.length} dépassent le seuil de PSI ${fr(props.drift.threshold, 2)}.`}
        </p>
      )}
      {over.length > 0 ? (
        <ul>
          {over.slice(0, 10).map((f) => (
            <li>
              <code>{f.name}</code> : PSI {fr(f.psi, 3)}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="hint">
        Le PSI compare la distribution des entrées récentes à celle des données d’entraînement ; une dérive
        dit que les questions posées ne ressemblent plus aux combats appris, pas que le modèle se trompe.
      </p>
    </section>
  )
}

async function ModelBody(props: { info: ModelInfo; drift: DriftReport; modelsDir: string }) {
  const { info } = props
  const baselines = await readBaselines(props.modelsDir, info.dir)
  const charts = await Promise.all(
    Object.keys(MODEL_CHARTS).map(async (f) =>
      (await Bun.file(join(props.modelsDir, info.dir, f)).exists()) ? f : null,
    ),
  )
  const hasReport = await Bun.file(join(props.modelsDir, info.dir, 'report.html')).exists()
  const params = info.params as Record<string, unknown>
  return (
    <section class="model">
      <h1>Le modèle</h1>
      <dl class="identity">
        <dt>Dossier</dt>
        <dd>
          <code>{info.dir}</code>
        </dd>
        <dt>Entraîné le</dt>
        <dd>{info.trainedAt}</dd>
        <dt>Version</dt>
        <dd>{info.version === null ? 'livrée avec le dépôt' : String(info.version)}</dd>
        <dt>Arbres</dt>
        <dd>{`${String(params.nEstimators ?? '?')} arbres de profondeur ≤ ${String(params.maxDepth ?? '?')}, taux d’apprentissage ${String(params.learningRate ?? '?')}`}</dd>
        <dt>Jeu de données</dt>
        <dd>
          <code>{info.dataset.name}</code>{' '}
          {Object.entries(info.dataset.rows)
            .map(([k, n]) => `${ROWS[k] ?? k} : ${thousands(n)} lignes`)
            .join(' · ')}
        </dd>
      </dl>
      <p class="reading">
        Comment lire ces chiffres : chaque étiquette est un vrai combat joué par le moteur de combat (Pokémon
        Showdown), pas une estimation. Les deux tests ne partagent rien avec l’entraînement : le test par
        paires ne contient que des duels jamais vus, le test par espèces que des espèces jamais vues. Les
        baselines sont des règles simples ; le modèle doit les battre.
      </p>
      {hasReport ? (
        <p class="report-link">
          <a href="/model/report" hx-boost="false">
            Rapport complet (précision, rappel, matrices de confusion, recherche d’hyper-paramètres)
          </a>
        </p>
      ) : null}
      {TEST_PARTS.map((part) => (
        <MetricsTable part={part} model={modelMetrics(info.metrics, part)} baselines={baselines[part]} />
      ))}
      <dl class="metric-help">
        {METRIC_KEYS.map((k) => (
          <>
            <dt>{METRICS[k].label}</dt>
            <dd>{METRICS[k].help}</dd>
          </>
        ))}
      </dl>
      <div class="charts">
        {charts
          .filter((f): f is string => f !== null)
          .map((f) => (
            <figure>
              <img src={`/model/charts/${f}`} alt={MODEL_CHARTS[f]} loading="lazy" />
              <figcaption>{MODEL_CHARTS[f]}</figcaption>
            </figure>
          ))}
      </div>
      <Drift drift={props.drift} />
    </section>
  )
}

/** Headers for files written by the trainer: no script runs even if a file is opened directly. */
const LOCKED = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-cache',
}

/**
 * `/model`, `/model/charts/:file` and `/model/report`. Files are resolved from the served model's
 * folder and a fixed whitelist only: the request picks a name, never a path.
 *
 * @example
 * const model = createModelPages(predictor, ctx.core.modelsDir)
 * app.get('/model', model.page)
 */
export function createModelPages(predictor: Predictor, modelsDir: string) {
  const served = async (name: string, type: string) => {
    const info = predictor.modelInfo()
    if (!info) throw new HTTPException(404, { message: 'Aucun modèle chargé.' })
    const file = Bun.file(join(modelsDir, info.dir, name))
    if (!(await file.exists())) throw new HTTPException(404, { message: 'Fichier absent du modèle.' })
    return new Response(file, { headers: { 'content-type': type, ...LOCKED } })
  }
  return {
    async page(c: Context) {
      const info = predictor.modelInfo()
      const body = info ? (
        await ModelBody({ info, drift: predictor.drift(), modelsDir })
      ) : (
        <section class="model">
          <h1>Le modèle</h1>
          <p class="error">
            Aucun modèle n’est chargé pour le moment : entraînez-en un (bun run stage ml:train) ou attendez
            que le champion soit promu.
          </p>
        </section>
      )
      return c.html(
        wantsFragment(c) ? (
          body
        ) : (
          <Layout title="Le modèle" path="/model">
            {body}
          </Layout>
        ),
      )
    },
    chart(c: Context) {
      const name = c.req.param('file') ?? ''
      if (!Object.hasOwn(MODEL_CHARTS, name)) throw new HTTPException(404, { message: 'Graphique inconnu.' })
      return served(name, 'image/svg+xml')
    },
    report(_c: Context) {
      return served('report.html', 'text/html; charset=utf-8')
    },
  }
}
