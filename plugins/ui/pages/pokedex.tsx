import type { Context, Hono } from 'hono'
import type { MatchupRanker } from '../../../core/contracts/matchups.ts'
import type { PokedexCatalogue, PokedexReader, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import { createMoveDetailPage } from './move-detail.tsx'
import { createMovesPage } from './moves.tsx'
import { createPokemonDetailPage } from './pokedex-detail.tsx'
import { createMatchupsFragment } from './pokedex-matchups.tsx'
import {
  choice,
  LiveFilterForm,
  nameMatches,
  Scroll,
  Sprite,
  TypeBadges,
  TypeSelect,
  typeFilter,
} from './pokedex-shared.tsx'

/** Sort keys of the list: number, name, or a base stat (highest first). */
type SortKey = 'numero' | 'nom' | 'total' | 'hp' | 'atk' | 'def' | 'spa' | 'spd' | 'spe'
type FormFilter = '' | PokemonEntry['form']

interface ListQuery {
  q: string
  form: FormFilter
  sort: SortKey
}

function readQuery(c: Context, l: Locale, catalogue: PokedexCatalogue) {
  const { list, forms } = l.t.dex
  const query: ListQuery = {
    q: c.req.query('q') ?? '',
    form: choice(l, list.formLabel, c.req.query('form'), { '': '', ...forms }, ''),
    sort: choice(l, list.sortLabel, c.req.query('sort'), list.sorts, 'numero'),
  }
  return { query, type: typeFilter(l, catalogue, c.req.query('type')) }
}

function filterForms(l: Locale, catalogue: PokedexCatalogue, query: ListQuery, typeId: number | undefined) {
  const kept = catalogue.pokemon.filter(
    (p) =>
      nameMatches(p, query.q) &&
      (typeId === undefined || p.type_ids.includes(typeId)) &&
      (query.form === '' || p.form === query.form),
  )
  const byNumber = (a: PokemonEntry, b: PokemonEntry) => a.species_id - b.species_id || a.id - b.id
  const sort = query.sort
  if (sort === 'nom') return kept.sort((a, b) => l.name(a).localeCompare(l.name(b), l.lang))
  if (sort === 'numero') return kept.sort(byNumber)
  return kept.sort((a, b) => b.stats[sort] - a.stats[sort] || byNumber(a, b))
}

/** The result table: swapped alone by htmx (`hx-select`), so it carries its own id. */
function Results(props: { l: Locale; catalogue: PokedexCatalogue; forms: PokemonEntry[]; sort: SortKey }) {
  const { l } = props
  const { list, forms } = l.t.dex
  const stat = ['numero', 'nom', 'total'].includes(props.sort)
    ? null
    : (props.sort as Exclude<SortKey, 'numero' | 'nom' | 'total'>)
  return (
    <div id="pokedex-results" aria-live="polite">
      <p class="count">{list.count(props.forms.length, props.catalogue.pokemon.length)}</p>
      <Scroll label={list.title}>
        <table class="dex-table">
          <thead>
            <tr>
              <th scope="col">{list.headers.number}</th>
              <th scope="col">{list.headers.pokemon}</th>
              <th scope="col">{list.headers.types}</th>
              <th scope="col" class="wide-only">
                {list.headers.form}
              </th>
              {stat ? <th scope="col">{list.sorts[stat]}</th> : null}
              <th scope="col">{list.headers.total}</th>
            </tr>
          </thead>
          <tbody>
            {props.forms.map((p) => (
              <tr>
                <td class="num">{l.t.dex.number(p.species_id)}</td>
                <td>
                  <a class="dex-name" href={`/pokedex/${p.slug}`}>
                    <Sprite pokemon={p} lazy />
                    <span class="dex-names">
                      <span>{l.name(p)}</span>
                      {l.otherName(p) ? (
                        <small lang={l.lang === 'fr' ? 'en' : 'fr'}>{l.otherName(p)}</small>
                      ) : null}
                    </span>
                  </a>
                </td>
                <td>
                  <TypeBadges l={l} catalogue={props.catalogue} pokemon={p} />
                </td>
                <td class="wide-only">{forms[p.form]}</td>
                {stat ? <td class="num">{p.stats[stat]}</td> : null}
                <td class="num">{p.stats.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {props.forms.length === 0 ? <p class="empty">{list.empty}</p> : null}
    </div>
  )
}

/** The filter form: plain GET without JavaScript, live with htmx (typing, changes, Enter). */
function Filters(props: { l: Locale; catalogue: PokedexCatalogue; query: ListQuery; typeSlug: string }) {
  const { l, query } = props
  const { list, forms, allForms } = l.t.dex
  return (
    <LiveFilterForm path="/pokedex" results="pokedex-results">
      <label>
        {list.nameLabel}
        <input type="search" name="q" value={query.q} placeholder={list.namePlaceholder} />
      </label>
      <TypeSelect l={l} catalogue={props.catalogue} selected={props.typeSlug} />
      <label>
        {list.formLabel}
        <select name="form">
          {Object.entries({ '': allForms, ...forms }).map(([value, label]) => (
            <option value={value} selected={value === query.form}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {list.sortLabel}
        <select name="sort">
          {Object.entries(list.sorts).map(([value, label]) => (
            <option value={value} selected={value === query.sort}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit">{l.t.dex.filter}</button>
      </noscript>
    </LiveFilterForm>
  )
}

function createPokedexListPage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const l = localeOf(c)
    const catalogue = await pokedex.catalogue()
    const { query, type } = readQuery(c, l, catalogue)
    const forms = filterForms(l, catalogue, query, type?.id)
    const body = (
      <section class="pokedex">
        <h1>{l.t.dex.list.title}</h1>
        <Filters l={l} catalogue={catalogue} query={query} typeSlug={type?.slug ?? ''} />
        <Results l={l} catalogue={catalogue} forms={forms} sort={query.sort} />
      </section>
    )
    return respond(c, { title: l.t.dex.list.title, path: '/pokedex', body, locale: l })
  }
}

/**
 * Adds the Pokédex and moves pages to the web app: `/pokedex`, `/pokedex/:slug`, `/moves`,
 * `/moves/:slug`. Each answers a full page, or only its fragment to htmx (`respond`).
 * Why one entry: the ui plugin wires a single call, and these pages share their helpers.
 *
 * @example
 * registerPokedexPages(app, { pokedex: ctx.services.get(pokedexRef), matchups: ctx.services.get(matchupsRef) })
 */
export function registerPokedexPages(
  app: Hono,
  deps: { pokedex: PokedexReader; matchups?: MatchupRanker },
): void {
  app.get('/pokedex', createPokedexListPage(deps.pokedex))
  app.get('/pokedex/:slug', createPokemonDetailPage(deps.pokedex, { matchups: deps.matchups !== undefined }))
  if (deps.matchups) app.get('/pokedex/:slug/matchups', createMatchupsFragment(deps.pokedex, deps.matchups))
  app.get('/moves', createMovesPage(deps.pokedex))
  app.get('/moves/:slug', createMoveDetailPage(deps.pokedex))
}
