import type { Context } from 'hono'
import type {
  MoveEntry,
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
} from '../../../core/contracts/pokedex.ts'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import type { Advise, MoveAdvice } from './predict-advice.ts'
import { PokemonField, PokemonList, SideDetails } from './predict-form.tsx'
import { type FieldError, readPredictForm, type Side } from './predict-input.ts'
import { OptimalLoader } from './predict-optimal.tsx'
import { Ranking } from './predict-result.tsx'

/** The error summary above the form: every problem at once, each naming its field and side. */
function ErrorSummary(props: { title: string; errors: readonly FieldError[] }) {
  if (props.errors.length === 0) return null
  return (
    <div class="error-summary" role="alert">
      <p>
        <strong>{props.title}</strong>
      </p>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field === 'ma' ? 'ma-1' : e.field === 'mb' ? 'mb-1' : e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The battle predictor: `/predict` is both the form and, once moves are sent, its answer, so the
 * address of a result reproduces it (`/predict?a=Pikachu&ma=Tonnerre&b=Ectoplasma`). htmx swaps
 * the whole predictor (form, errors, result) and pushes that address; `/predict/side` reloads one
 * side's card and move fields when its Pokémon changes. Every problem is shown in the page next
 * to its field, naming the side; the ranking itself comes from the shared advice service (`adviseWith`).
 */
export function createPredictPages(pokedex: PokedexReader, predictor: Predictor, advise: Advise) {
  const damaging = (catalogue: PokedexCatalogue) => async (p: PokemonEntry) =>
    (await predictor.damagingMoves(p.slug))
      .map((slug) => catalogue.moveBySlug.get(slug))
      .filter((m): m is MoveEntry => m !== undefined)
  return {
    async page(c: Context) {
      const l = localeOf(c)
      const t = l.t.battle
      const catalogue = await pokedex.catalogue()
      const form = await readPredictForm(
        l,
        catalogue,
        { a: c.req.query('a'), b: c.req.query('b'), ma: c.req.queries('ma'), mb: c.req.queries('mb') },
        damaging(catalogue),
      )
      const errors = [...form.errors]
      let advice: MoveAdvice[] | undefined
      if (form.submitted && errors.length === 0 && form.a && form.b) {
        const movesB = form.movesB.length > 0 ? form.movesB : await damaging(catalogue)(form.b)
        advice = await advise({
          a: form.a.slug,
          movesA: form.movesA.map((m) => m.slug),
          b: form.b.slug,
          movesB: movesB.map((m) => m.slug),
        })
      }
      const side = async (s: Side) => {
        const pokemon = s === 'a' ? form.a : form.b
        return (
          <SideDetails
            l={l}
            catalogue={catalogue}
            side={s}
            pokemon={pokemon}
            allowed={pokemon ? await damaging(catalogue)(pokemon) : []}
            moves={form.submitted ? (s === 'a' ? form.text.ma : form.text.mb) : undefined}
            errors={errors}
          />
        )
      }
      const body = (
        <section class="predictor" id="predictor">
          <h1>{t.title}</h1>
          <p class="lead">{t.lead}</p>
          <ErrorSummary title={t.errors.summary(errors.length)} errors={errors} />
          <form
            class="predict"
            method="get"
            action="/predict"
            hx-get="/predict"
            hx-target="#predictor"
            hx-select="#predictor"
            hx-swap="outerHTML"
            hx-push-url="true"
            hx-indicator="#predict-loading"
            hx-disinherit="*"
            novalidate
          >
            <PokemonList l={l} catalogue={catalogue} />
            <div class="sides">
              <fieldset class="side">
                <legend>{t.form.side.a}</legend>
                <PokemonField l={l} side="a" value={form.a ? l.name(form.a) : form.text.a} errors={errors} />
                {await side('a')}
              </fieldset>
              <fieldset class="side">
                <legend>{t.form.side.b}</legend>
                <PokemonField l={l} side="b" value={form.b ? l.name(form.b) : form.text.b} errors={errors} />
                {await side('b')}
              </fieldset>
            </div>
            <div class="submit-row">
              <button type="submit" id="predict-submit">
                {t.form.submit}
              </button>
              <p id="predict-loading" class="htmx-indicator loading" role="status">
                {l.t.loading}
              </p>
            </div>
          </form>
          <div id="result" aria-live="polite">
            {advice && form.a && form.b ? (
              <Ranking l={l} catalogue={catalogue} a={form.a} b={form.b} advice={advice} />
            ) : null}
            {advice && form.a && form.b ? (
              <OptimalLoader
                l={l}
                query={{
                  a: form.a.slug,
                  b: form.b.slug,
                  ma: form.movesA.map((m) => m.slug),
                  mb: form.movesB.map((m) => m.slug),
                }}
              />
            ) : null}
          </div>
        </section>
      )
      return respond(c, {
        title: t.title,
        path: '/predict',
        body,
        status: errors.length > 0 ? 400 : 200,
        locale: l,
      })
    },
    /** `/predict/side?side=a&a=…`: one side's card and move fields for the Pokémon just typed. */
    async side(c: Context) {
      const l = localeOf(c)
      const s: Side = c.req.query('side') === 'b' ? 'b' : 'a'
      const catalogue = await pokedex.catalogue()
      const form = await readPredictForm(
        l,
        catalogue,
        { a: c.req.query('a') ?? 'pikachu', b: c.req.query('b') ?? 'squirtle' },
        damaging(catalogue),
      )
      const errors = form.errors.filter((e) => e.field === s)
      const pokemon = s === 'a' ? form.a : form.b
      return c.html(
        <SideDetails
          l={l}
          catalogue={catalogue}
          side={s}
          pokemon={pokemon}
          allowed={pokemon ? await damaging(catalogue)(pokemon) : []}
          moves={undefined}
          errors={errors.map((e) => ({ ...e, field: s === 'a' ? 'ma' : 'mb' }))}
        />,
        errors.length > 0 ? 400 : 200,
      )
    },
  }
}
