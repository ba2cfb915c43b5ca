import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { MatchupRanker, OpponentMatchup } from '../../../core/contracts/matchups.ts'
import type { PokedexCatalogue, PokedexReader } from '../../../core/contracts/pokedex.ts'
import { hasCode } from '../../../core/errors.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import { Scroll } from './pokedex-shared.tsx'

const SHOWN = 5

/**
 * The placeholder the Pokédex page shows: htmx replaces it with the ranking once loaded (the
 * model ranks 188 opponents; the first answer for a Pokémon takes a moment, later ones are cached).
 */
export function MatchupsPlaceholder(props: { l: Locale; slug: string }) {
  const t = props.l.t.ml.matchups
  return (
    <section
      class="matchups"
      hx-get={`/pokedex/${props.slug}/matchups`}
      hx-trigger="load"
      hx-swap="outerHTML"
    >
      <h2>{t.title}</h2>
      <p class="hint">
        <a href={`/pokedex/${props.slug}/matchups`}>{t.loading}</a>
      </p>
    </section>
  )
}

function Rows(props: { l: Locale; catalogue: PokedexCatalogue; list: OpponentMatchup[] }) {
  const { l, catalogue } = props
  const t = l.t.ml.matchups
  const moveName = (slug: string) => {
    const m = catalogue.moveBySlug.get(slug)
    return m ? l.name(m) : slug
  }
  return (
    <tbody>
      {props.list.map((o) => {
        const p = catalogue.pokemonBySlug.get(o.opponent)
        const exact = o.exact
        return (
          <tr>
            <th scope="row">{p ? <a href={`/pokedex/${p.slug}`}>{l.name(p)}</a> : o.opponent}</th>
            <td>{l.percent(o.winProbability, 1)}</td>
            <td>{moveName(o.move)}</td>
            <td>{moveName(o.reply)}</td>
            <td>
              {!exact
                ? '—'
                : exact.status === 'pending'
                  ? t.pending
                  : `${l.percent(exact.winProbability ?? 0, 1)}${exact.status === 'sampled' ? ` (${t.sampled})` : ''}`}
            </td>
          </tr>
        )
      })}
    </tbody>
  )
}

/**
 * `/pokedex/:slug/matchups`: the Pokémon with its default moves (its 4 strongest damaging moves)
 * against every form, from the shared matchup service: the most dangerous and the easiest.
 */
export function createMatchupsFragment(pokedex: PokedexReader, matchups: MatchupRanker) {
  return async (c: Context) => {
    const l = localeOf(c)
    const t = l.t.ml.matchups
    const catalogue = await pokedex.catalogue()
    const slug = c.req.param('slug') ?? ''
    const pokemon = catalogue.pokemonBySlug.get(slug)
    if (!pokemon) throw new HTTPException(404, { message: l.t.errors.unknownPokemon(slug) })
    const section = (content: unknown) => (
      <section class="matchups">
        <h2>{t.title}</h2>
        {content}
      </section>
    )
    const moves = await matchups.defaultMoves(slug)
    let body: unknown
    if (moves.length === 0) body = section(<p>{t.noMoves}</p>)
    else {
      try {
        const report = await matchups.rank({ pokemon: slug, moves })
        const names = moves.map((m) => catalogue.moveBySlug.get(m)).map((m) => (m ? l.name(m) : ''))
        // each table scrolls inside its own box on phones: the page stays 390 px wide
        const table = (caption: string, list: OpponentMatchup[]) => (
          <Scroll label={caption}>
            <table class="metrics">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.opponent}</th>
                  <th scope="col">{t.chance}</th>
                  <th scope="col">{t.move}</th>
                  <th scope="col">{t.reply}</th>
                  <th scope="col">{t.exact}</th>
                </tr>
              </thead>
              <Rows l={l} catalogue={catalogue} list={list} />
            </table>
          </Scroll>
        )
        body = section(
          <>
            <p>{t.lead(names.join(', '))}</p>
            {table(t.worst, report.opponents.slice(0, SHOWN))}
            {table(t.best, report.opponents.slice(-SHOWN).reverse())}
          </>,
        )
      } catch (error) {
        if (!(hasCode(error) && error.code === 'ML_NO_MODEL')) throw error
        body = section(<p>{t.unavailable}</p>)
      }
    }
    return respond(c, {
      title: `${l.name(pokemon)} — ${t.title}`,
      path: '/pokedex',
      body: body as never,
      locale: l,
    })
  }
}
