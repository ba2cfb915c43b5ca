import type { Context, Hono } from 'hono'
import type { PokedexCatalogue, PokedexReader, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'
import { createMoveDetailPage } from './move-detail.tsx'
import { createMovesPage } from './moves.tsx'
import { createPokemonDetailPage } from './pokedex-detail.tsx'
import {
  choice,
  dexNumber,
  FORM_LABELS,
  fold,
  frenchName,
  LiveFilterForm,
  Sprite,
  TypeBadges,
  TypeSelect,
  typeFilter,
} from './pokedex-shared.tsx'

/** Sort keys of the list: number, name, or a base stat (highest first). */
const SORTS = {
  numero: 'Numéro',
  nom: 'Nom',
  total: 'Total des stats',
  hp: 'PV',
  atk: 'Attaque',
  def: 'Défense',
  spa: 'Attaque spéciale',
  spd: 'Défense spéciale',
  spe: 'Vitesse',
} as const
type SortKey = keyof typeof SORTS

const FORMS = { '': 'Toutes', ...FORM_LABELS } as const

interface ListQuery {
  q: string
  type: string
  form: keyof typeof FORMS
  sort: SortKey
}

function readQuery(c: Context, catalogue: PokedexCatalogue) {
  const query: ListQuery = {
    q: c.req.query('q') ?? '',
    type: c.req.query('type') ?? '',
    form: choice('Forme', c.req.query('form'), FORMS, ''),
    sort: choice('Tri', c.req.query('sort'), SORTS, 'numero'),
  }
  return { query, type: typeFilter(catalogue, query.type) }
}

function filterForms(catalogue: PokedexCatalogue, query: ListQuery, typeId: number | undefined) {
  const q = fold(query.q)
  const kept = catalogue.pokemon.filter(
    (p) =>
      (q === '' || fold(p.name_fr ?? '').includes(q) || fold(p.name_en).includes(q) || p.slug.includes(q)) &&
      (typeId === undefined || p.type_ids.includes(typeId)) &&
      (query.form === '' || p.form === query.form),
  )
  const byNumber = (a: PokemonEntry, b: PokemonEntry) => a.species_id - b.species_id || a.id - b.id
  const sort = query.sort
  if (sort === 'nom') return kept.sort((a, b) => frenchName(a).localeCompare(frenchName(b), 'fr'))
  if (sort === 'numero') return kept.sort(byNumber)
  return kept.sort((a, b) => b.stats[sort] - a.stats[sort] || byNumber(a, b))
}

/** The result table: swapped alone by htmx (`hx-select`), so it carries its own id. */
function Results(props: { catalogue: PokedexCatalogue; forms: PokemonEntry[]; sort: SortKey }) {
  const stat =
    props.sort in { numero: 1, nom: 1, total: 1 }
      ? null
      : (props.sort as Exclude<SortKey, 'numero' | 'nom' | 'total'>)
  return (
    <div id="pokedex-results" aria-live="polite">
      <p class="count">{`${props.forms.length} Pokémon sur ${props.catalogue.pokemon.length}`}</p>
      <table class="dex-table">
        <thead>
          <tr>
            <th>Nº</th>
            <th>Pokémon</th>
            <th>Types</th>
            <th>Forme</th>
            {stat ? <th>{SORTS[stat]}</th> : null}
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {props.forms.map((p) => (
            <tr>
              <td class="num">{dexNumber(p.species_id)}</td>
              <td>
                <a class="dex-name" href={`/pokedex/${p.slug}`}>
                  <Sprite pokemon={p} size={40} />
                  <span>{frenchName(p)}</span> <small lang="en">{p.name_en}</small>
                </a>
              </td>
              <td>
                <TypeBadges catalogue={props.catalogue} pokemon={p} />
              </td>
              <td>{FORM_LABELS[p.form]}</td>
              {stat ? <td class="num">{p.stats[stat]}</td> : null}
              <td class="num">{p.stats.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.forms.length === 0 ? <p class="empty">Aucun Pokémon ne correspond à ces filtres.</p> : null}
    </div>
  )
}

/** The filter form: plain GET without JavaScript, live with htmx (input/change, URL pushed). */
function Filters(props: { catalogue: PokedexCatalogue; query: ListQuery; typeSlug: string }) {
  const { query } = props
  return (
    <LiveFilterForm path="/pokedex" results="pokedex-results">
      <label>
        Nom (français ou anglais)
        <input type="search" name="q" value={query.q} placeholder="Dracaufeu, Pikachu…" />
      </label>
      <TypeSelect catalogue={props.catalogue} selected={props.typeSlug} />
      <label>
        Forme
        <select name="form">
          {Object.entries(FORMS).map(([value, label]) => (
            <option value={value} selected={value === query.form}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Trier par
        <select name="sort">
          {Object.entries(SORTS).map(([value, label]) => (
            <option value={value} selected={value === query.sort}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit">Filtrer</button>
      </noscript>
    </LiveFilterForm>
  )
}

function createPokedexListPage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const catalogue = await pokedex.catalogue()
    const { query, type } = readQuery(c, catalogue)
    const forms = filterForms(catalogue, query, type?.id)
    const body = (
      <section class="pokedex">
        <h1>Pokédex</h1>
        <Filters catalogue={catalogue} query={query} typeSlug={type?.slug ?? ''} />
        <Results catalogue={catalogue} forms={forms} sort={query.sort} />
      </section>
    )
    return c.html(
      wantsFragment(c) ? (
        body
      ) : (
        <Layout title="Pokédex" path="/pokedex">
          {body}
        </Layout>
      ),
    )
  }
}

/**
 * Adds the Pokédex and moves pages to the web app: `/pokedex`, `/pokedex/:slug`, `/moves`,
 * `/moves/:slug`. Each answers a full page, or only its fragment to htmx (`wantsFragment`).
 * Why one entry: the ui plugin wires a single call, and these pages share their helpers.
 *
 * @example
 * registerPokedexPages(app, { pokedex: ctx.services.get(pokedexRef) })
 */
export function registerPokedexPages(app: Hono, deps: { pokedex: PokedexReader }): void {
  app.get('/pokedex', createPokedexListPage(deps.pokedex))
  app.get('/pokedex/:slug', createPokemonDetailPage(deps.pokedex))
  app.get('/moves', createMovesPage(deps.pokedex))
  app.get('/moves/:slug', createMoveDetailPage(deps.pokedex))
}
