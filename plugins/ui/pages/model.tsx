import { join } from 'node:path'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { PokedexCatalogue, PokedexReader } from '../../../core/contracts/pokedex.ts'
import type { DriftReport, ModelInfo, ModelTruth, Predictor } from '../../../core/contracts/predictor.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import {
  BASELINES,
  METRIC_KEYS,
  type MetricRow,
  modelMetrics,
  readBaselines,
  TEST_PARTS,
  type TestPart,
} from './model-baselines.ts'
import { frenchDocument } from './model-french.ts'
import { reportStylesheet, reportWithStylesheet } from './model-report-style.ts'
import { TruthSection } from './model-truth.tsx'
import { Scroll } from './pokedex-shared.tsx'

/** The only files `/model/charts/:file` serves (captions in `l.t.battle.model.charts`). */
export const MODEL_CHARTS = [
  'calibration.svg',
  'roc-pair-test.svg',
  'roc-species-test.svg',
  'feature-importance.svg',
  'training-loss.svg',
] as const

function MetricsTable(props: {
  l: Locale
  part: TestPart
  model: MetricRow
  baselines: Record<string, MetricRow>
}) {
  const { l } = props
  const t = l.t.battle.model
  const rows: [string, string, MetricRow][] = [
    ['modèle', t.served, props.model],
    ...BASELINES.filter((b) => props.baselines[b]).map((b): [string, string, MetricRow] => [
      b,
      t.predictors[b] ?? b,
      props.baselines[b]!,
    ]),
  ]
  if (l.lang === 'en') rows[0]![0] = 'model'
  return (
    <Scroll label={t.parts[props.part]}>
      <table class="metrics">
        <caption>{t.parts[props.part]}</caption>
        <thead>
          <tr>
            <th scope="col">{t.predictorHeader}</th>
            {METRIC_KEYS.map((k) => (
              <th scope="col">{t.metrics[k]![0]}</th>
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
                <td>{row[k] === undefined ? '—' : l.number(row[k]!, 4)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

function Drift(props: { l: Locale; drift: DriftReport }) {
  const { l } = props
  const t = l.t.battle.model.drift
  const over = props.drift.features.filter((f) => f.drifted).sort((a, b) => b.psi - a.psi)
  return (
    <section class="drift">
      <h2>{t.title}</h2>
      {props.drift.window === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <p>
          {t.summary(
            l.number(props.drift.window),
            over.length,
            props.drift.features.length,
            l.number(props.drift.threshold, 2),
          )}
        </p>
      )}
      {over.length > 0 ? (
        <ul>
          {over.slice(0, 10).map((f) => (
            <li>
              <code>{f.name}</code> : PSI {l.number(f.psi, 3)}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="hint">{t.hint}</p>
    </section>
  )
}

async function ModelBody(props: {
  l: Locale
  info: ModelInfo
  drift: DriftReport
  truth: ModelTruth | null
  catalogue: PokedexCatalogue
  modelsDir: string
}) {
  const { l, info } = props
  const t = l.t.battle.model
  const baselines = await readBaselines(props.modelsDir, info.dir)
  const charts = await Promise.all(
    MODEL_CHARTS.map(async (f) => ((await Bun.file(join(props.modelsDir, info.dir, f)).exists()) ? f : null)),
  )
  const hasReport = await Bun.file(join(props.modelsDir, info.dir, 'report.html')).exists()
  const params = info.params as Record<string, unknown>
  const num = (v: unknown, digits = 0) => (typeof v === 'number' ? l.number(v, digits) : '?')
  return (
    <section class="model">
      <h1>{t.title}</h1>
      <dl class="identity">
        <dt>{t.identity.dir}</dt>
        <dd>
          <code>{info.dir}</code>
        </dd>
        <dt>{t.identity.trainedAt}</dt>
        <dd>
          <time datetime={info.trainedAt}>{l.date(info.trainedAt)}</time>
        </dd>
        <dt>{t.identity.version}</dt>
        <dd>{info.version === null ? t.identity.shipped : String(info.version)}</dd>
        <dt>{t.identity.trees}</dt>
        <dd>
          {t.identity.treesText(num(params.nEstimators), num(params.maxDepth), num(params.learningRate, 2))}
        </dd>
        <dt>{t.identity.dataset}</dt>
        <dd>
          <code>{info.dataset.name}</code>{' '}
          {Object.entries(info.dataset.rows)
            .map(([k, n]) => t.identity.rows(t.rowsParts[k] ?? k, l.number(n)))
            .join(' · ')}
        </dd>
      </dl>
      {/* random_pairs datasets are labelled by the exact solver, the others by engine battles */}
      <p class="reading">{info.dataset.name.startsWith('random_pairs') ? t.readingExact : t.reading}</p>
      {hasReport ? (
        <p class="report-link">
          <a href="/model/report" hx-boost="false">
            {t.report}
          </a>
        </p>
      ) : null}
      {TEST_PARTS.map((part) => (
        <MetricsTable
          l={l}
          part={part}
          model={modelMetrics(info.metrics, part)}
          baselines={baselines[part]}
        />
      ))}
      <dl class="metric-help">
        {METRIC_KEYS.map((k) => (
          <>
            <dt>{t.metrics[k]![0]}</dt>
            <dd>{t.metrics[k]![1]}</dd>
          </>
        ))}
      </dl>
      <div class="charts">
        {charts
          .filter((f): f is (typeof MODEL_CHARTS)[number] => f !== null)
          .map((f) => (
            <figure>
              <img src={`/model/charts/${f}`} alt={t.charts[f]} loading="lazy" />
              <figcaption>{t.charts[f]}</figcaption>
            </figure>
          ))}
      </div>
      <TruthSection l={l} truth={props.truth} catalogue={props.catalogue} />
      <Drift l={l} drift={props.drift} />
    </section>
  )
}

/** Headers for files written by the trainer: no script runs even if a file is opened directly. */
const CSS = 'text/css; charset=utf-8'
const LOCKED = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'self' 'unsafe-inline'",
  'cache-control': 'no-cache',
}

/**
 * `/model`, `/model/charts/:file`, `/model/report` and its `/model/report.css`. Files are resolved from the served model's
 * folder and a fixed whitelist only: the request picks a name, never a path.
 *
 * @example
 * const model = createModelPages(predictor, ctx.core.modelsDir, pokedex)
 * app.get('/model', model.page)
 */
export function createModelPages(predictor: Predictor, modelsDir: string, pokedex: PokedexReader) {
  /** A file of the served model; the report and charts are translated for French readers. */
  const served = async (c: Context, name: string, type: string, rewrite?: (text: string) => string) => {
    const l = localeOf(c)
    const info = predictor.modelInfo()
    if (!info) throw new HTTPException(404, { message: l.t.errors.noModel })
    const file = Bun.file(join(modelsDir, info.dir, name))
    if (!(await file.exists())) throw new HTTPException(404, { message: l.t.errors.missingModelFile(name) })
    const text = rewrite ? rewrite(await file.text()) : null
    const body =
      l.lang === 'fr' && type !== CSS ? frenchDocument(text ?? (await file.text())) : (text ?? file)
    return new Response(body, { headers: { 'content-type': type, ...LOCKED } })
  }
  return {
    async page(c: Context) {
      const l = localeOf(c)
      const t = l.t.battle.model
      const info = predictor.modelInfo()
      const body = info ? (
        await ModelBody({
          l,
          info,
          drift: predictor.drift(),
          truth: await predictor.truth(),
          catalogue: await pokedex.catalogue(),
          modelsDir,
        })
      ) : (
        <section class="model">
          <h1>{t.title}</h1>
          <p class="error">{t.none}</p>
        </section>
      )
      return respond(c, { title: t.title, path: '/model', body, locale: l })
    },
    chart(c: Context) {
      const name = c.req.param('file') ?? ''
      if (!(MODEL_CHARTS as readonly string[]).includes(name))
        throw new HTTPException(404, { message: localeOf(c).t.errors.missingModelFile(name) })
      return served(c, name, 'image/svg+xml')
    },
    report(c: Context) {
      return served(c, 'report.html', 'text/html; charset=utf-8', (html) =>
        reportWithStylesheet(html, '/model/report.css'),
      )
    },
    reportStyle(c: Context) {
      return served(c, 'report.html', CSS, reportStylesheet)
    },
  }
}
