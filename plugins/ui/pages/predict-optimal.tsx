import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { OptimalAdvice, OptimalPlay } from '../../../core/contracts/optimal.ts'
import type {
  MoveEntry,
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
} from '../../../core/contracts/pokedex.ts'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { hasCode } from '../../../core/errors.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import { Bar } from './bars.tsx'
import {
  choiceClass,
  choiceShares,
  hasUnreachable,
  LOST_CHOICE,
  PolicyChart,
  UNREACHABLE_CHOICE,
} from './policy-chart.tsx'
import { readPredictForm } from './predict-input.ts'

/** The predictor's query, to carry it into the optimal-play requests. */
export interface PredictQuery {
  a: string
  b: string
  ma: readonly string[]
  mb: readonly string[]
}

const queryString = (q: PredictQuery, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams({ a: q.a, b: q.b })
  for (const m of q.ma) params.append('ma', m)
  for (const m of q.mb) params.append('mb', m)
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  return params.toString()
}

/**
 * Where the optimal play will appear once computed: htmx loads it right after the ranking (a solve
 * may take a few seconds); without JavaScript, a link opens it as a page.
 */
export function OptimalLoader(props: { l: Locale; query: PredictQuery }) {
  const t = props.l.t.optimal
  const href = `/predict/optimal?${queryString(props.query)}`
  return (
    <section
      id="optimal"
      class="optimal"
      hx-get={href}
      hx-trigger="load"
      hx-swap="outerHTML"
      aria-busy="true"
    >
      <h2>{t.title}</h2>
      <p class="loading" role="status">
        {t.loading}
      </p>
      <p>
        <a href={href}>{t.show}</a>
      </p>
    </section>
  )
}

function Choices(props: { l: Locale; shares: OptimalAdvice['strategyA']; move: (slug: string) => string }) {
  return (
    <ul class="optimal-choices">
      {props.shares.map((c) => (
        <li>
          <strong>{props.move(c.move)}</strong> {c.probability < 1 ? props.l.percent(c.probability) : null}
        </li>
      ))}
    </ul>
  )
}

/** The answer: the value, what to use now (and the opponent's best choice), the chart, the mid-battle form. */
export function OptimalSection(props: {
  l: Locale
  a: PokemonEntry
  b: PokemonEntry
  advice: OptimalAdvice
  query: PredictQuery
  catalogue: PokedexCatalogue
}) {
  const { l, advice, a, b } = props
  const t = l.t.optimal
  const moveName = (slug: string) => {
    if (slug === 'struggle') return t.struggle
    if (slug === 'recharge') return t.recharge
    const move = props.catalogue.moveBySlug.get(slug)
    return move ? l.name(move) : slug
  }
  const choiceName = (choice: number) =>
    choice === LOST_CHOICE
      ? t.legendLost
      : choice < 0
        ? t.legendMixed
        : choice === 4
          ? t.struggle
          : moveName(advice.movesA[choice] ?? '')
  const shares = [...choiceShares(advice.policyA)].sort((x, y) => y[1] - x[1])
  const mixed = advice.strategyA.length > 1
  return (
    <section id="optimal" class="optimal" aria-labelledby="optimal-title">
      <h2 id="optimal-title">{t.title}</h2>
      <p class="lead">{t.lead}</p>
      <p class="optimal-value">
        <span class="label">{t.value}</span> <Bar share={advice.winProbability} class="win" />{' '}
        <strong class="win-value">{l.percent(advice.winProbability)}</strong>
      </p>
      <p class="optimal-at">
        {t.form.at(t.form.of(advice.hp.a, advice.maxHp.a), t.form.of(advice.hp.b, advice.maxHp.b))}
      </p>
      <div class="optimal-now">
        <p>{t.now}</p>
        <Choices l={l} shares={advice.strategyA} move={moveName} />
        {mixed ? <p class="hint">{t.mixed}</p> : null}
        <p>{t.theirs}</p>
        <Choices l={l} shares={advice.strategyB} move={moveName} />
      </div>
      <p class="optimal-gain">
        {advice.gain > 5e-4
          ? t.gain(l.percent(advice.gain), moveName(advice.single.move))
          : t.noGain(moveName(advice.single.move))}
      </p>
      <figure class="policy">
        <PolicyChart
          grid={advice.policyA}
          title={t.chartTitle(l.name(a), l.name(b))}
          description={t.chartDesc}
          axisX={t.axisTheirs(l.name(b))}
          axisY={t.axisMine(l.name(a))}
          current={{
            a: Math.min(advice.hp.a, advice.policyA.hiA),
            b: Math.min(advice.hp.b, advice.policyA.hiB),
          }}
        />
        <figcaption>
          <ul class="policy-legend">
            {shares.map(([choice, share]) => (
              <li>
                <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
                  <rect class={choiceClass(choice)} width="10" height="10" />
                </svg>{' '}
                {choiceName(choice)} — {t.share(l.percent(share, 0))}
              </li>
            ))}
            {hasUnreachable(advice.policyA) ? (
              <li>
                <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
                  <rect class={choiceClass(UNREACHABLE_CHOICE)} width="10" height="10" />
                </svg>{' '}
                {t.legendUnreachable}
              </li>
            ) : null}
          </ul>
        </figcaption>
      </figure>
      <MidBattleForm l={l} a={a} b={b} advice={advice} query={props.query} />
      <p class="hint">
        {t.states(
          l.number(advice.states.total, 0),
          l.number(advice.states.cells, 0),
          l.number(advice.elapsedMs, 0),
        )}
      </p>
    </section>
  )
}

/** HP sliders: moving one asks again for this situation (htmx), or submits as a normal form. */
function MidBattleForm(props: {
  l: Locale
  a: PokemonEntry
  b: PokemonEntry
  advice: OptimalAdvice
  query: PredictQuery
}) {
  const { l, advice, query } = props
  const t = l.t.optimal.form
  return (
    <form
      class="optimal-state"
      method="get"
      action="/predict/optimal"
      hx-get="/predict/optimal"
      hx-target="#optimal"
      hx-swap="outerHTML"
      hx-trigger="change, submit"
    >
      <fieldset>
        <legend>{t.legend}</legend>
        <input type="hidden" name="a" value={query.a} />
        <input type="hidden" name="b" value={query.b} />
        {query.ma.map((m) => (
          <input type="hidden" name="ma" value={m} />
        ))}
        {query.mb.map((m) => (
          <input type="hidden" name="mb" value={m} />
        ))}
        <label for="hpa">
          {t.hpa(l.name(props.a))} <output for="hpa">{t.of(advice.hp.a, advice.maxHp.a)}</output>
        </label>
        <input
          id="hpa"
          name="hpa"
          type="range"
          min="1"
          max={String(advice.maxHp.a)}
          value={String(advice.hp.a)}
        />
        <label for="hpb">
          {t.hpb(l.name(props.b))} <output for="hpb">{t.of(advice.hp.b, advice.maxHp.b)}</output>
        </label>
        <input
          id="hpb"
          name="hpb"
          type="range"
          min="1"
          max={String(advice.maxHp.b)}
          value={String(advice.hp.b)}
        />
        <button type="submit">{t.submit}</button>
      </fieldset>
    </form>
  )
}

/**
 * `/predict/optimal?a=…&ma=…&b=…&mb=…[&hpa=…&hpb=…]`: the optimal-play section (a fragment for
 * htmx, a page otherwise), from full HP or from the HP the sliders give.
 */
export function createOptimalPage(pokedex: PokedexReader, predictor: Predictor, optimal: OptimalPlay) {
  return async (c: Context) => {
    const l = localeOf(c)
    const t = l.t.optimal
    const catalogue = await pokedex.catalogue()
    const damaging = async (p: PokemonEntry) =>
      (await predictor.damagingMoves(p.slug))
        .map((slug) => catalogue.moveBySlug.get(slug))
        .filter((m): m is MoveEntry => m !== undefined)
    const query: PredictQuery = {
      a: c.req.query('a') ?? '',
      b: c.req.query('b') ?? '',
      ma: c.req.queries('ma') ?? [],
      mb: c.req.queries('mb') ?? [],
    }
    const form = await readPredictForm(
      l,
      catalogue,
      { a: query.a, b: query.b, ma: [...query.ma], mb: [...query.mb] },
      damaging,
    )
    const page = (body: Child, status = 200) =>
      respond(c, { title: t.title, path: '/predict', body, status, locale: l })
    const refusal = (messages: readonly string[], status: number) =>
      page(
        <section id="optimal" class="optimal">
          <h2>{t.title}</h2>
          {/* the alert role on a wrapper: on the <ul> itself it hid the list from assistive tech (axe: listitem) */}
          <div role="alert">
            <ul class="field-error">
              {messages.map((message) => (
                <li>{message}</li>
              ))}
            </ul>
          </div>
        </section>,
        status,
      )
    if (form.errors.length > 0 || !form.a || !form.b)
      return refusal(
        form.errors.map((e) => e.message),
        400,
      )
    const hp = (name: string) => {
      const value = Number(c.req.query(name))
      return Number.isInteger(value) && value >= 1 ? value : undefined
    }
    const hpa = hp('hpa')
    const hpb = hp('hpb')
    try {
      const advice = await optimal.solve({
        a: form.a.slug,
        movesA: form.movesA.map((m) => m.slug),
        b: form.b.slug,
        ...(form.movesB.length > 0 ? { movesB: form.movesB.map((m) => m.slug) } : {}),
        ...(hpa !== undefined && hpb !== undefined ? { state: { a: { hp: hpa }, b: { hp: hpb } } } : {}),
      })
      return page(
        <OptimalSection l={l} a={form.a} b={form.b} advice={advice} query={query} catalogue={catalogue} />,
      )
    } catch (error) {
      const code = hasCode(error) ? error.code : ''
      const message =
        code === 'OPTIMAL_UNSUPPORTED' ? t.unsupported : code.startsWith('OPTIMAL_') ? t.tooBig : undefined
      if (!message) throw error
      // a game too big to solve is an answer the section shows, not a failed request
      if (code !== 'OPTIMAL_BAD_STATE') return refusal([message], 200)
      return refusal([error instanceof Error ? error.message : message], 400)
    }
  }
}
