import type { Context } from 'hono'
import type { MoveEntry, PokedexCatalogue, PokedexReader } from '../../../core/contracts/pokedex.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'
import { CATEGORY_FR } from './pokedex-learnset.tsx'
import {
  choice,
  fold,
  frenchName,
  LiveFilterForm,
  TypeBadge,
  TypeSelect,
  typeFilter,
} from './pokedex-shared.tsx'

/** Category filter values in French (the URL words players would type). */
const CATEGORIES = { '': 'Toutes', physique: 'Physique', speciale: 'Spéciale', statut: 'Statut' } as const
const CATEGORY_OF = { physique: 'physical', speciale: 'special', statut: 'status' } as const

/** Power bands; `aucune` keeps the moves with no power (status, fixed damage, OHKO…). */
const BANDS = {
  '': 'Toutes',
  '0-40': '0 à 40',
  '41-80': '41 à 80',
  '81-120': '81 à 120',
  '121+': '121 et plus',
  aucune: 'Sans puissance',
} as const
type Band = keyof typeof BANDS

function inBand(power: number | null, band: Band): boolean {
  if (band === '') return true
  if (band === 'aucune') return power === null
  if (power === null) return false
  if (band === '0-40') return power <= 40
  if (band === '41-80') return power > 40 && power <= 80
  if (band === '81-120') return power > 80 && power <= 120
  return power > 120
}

/** Strongest first; ties by accuracy then name, so the box is stable from one load to the next. */
function byPower(a: MoveEntry, b: MoveEntry): number {
  return (
    (b.power ?? -1) - (a.power ?? -1) ||
    (b.accuracy ?? 101) - (a.accuracy ?? 101) ||
    frenchName(a).localeCompare(frenchName(b), 'fr')
  )
}

function MoveRows(props: { catalogue: PokedexCatalogue; moves: MoveEntry[] }) {
  return (
    <tbody>
      {props.moves.map((m) => (
        <tr>
          <td>
            <a href={`/moves/${m.slug}`}>{frenchName(m)}</a>
          </td>
          <td>
            <TypeBadge type={props.catalogue.typeById.get(m.type_id)} />
          </td>
          <td>{CATEGORY_FR[m.category]}</td>
          <td class="num">{m.power ?? '—'}</td>
          <td class="num">{m.accuracy === null ? '—' : `${m.accuracy} %`}</td>
          <td class="num">{m.pp}</td>
        </tr>
      ))}
    </tbody>
  )
}

function MoveHead() {
  return (
    <thead>
      <tr>
        <th>Capacité</th>
        <th>Type</th>
        <th>Catégorie</th>
        <th>Puissance</th>
        <th>Précision</th>
        <th>PP</th>
      </tr>
    </thead>
  )
}

/** `/moves`: the 226 LGPE moves, filtered live, with the ten strongest of the current selection. */
export function createMovesPage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const catalogue = await pokedex.catalogue()
    const q = c.req.query('q') ?? ''
    const type = typeFilter(catalogue, c.req.query('type'))
    const category = choice('Catégorie', c.req.query('categorie'), CATEGORIES, '')
    const band = choice('Puissance', c.req.query('puissance'), BANDS, '')
    const needle = fold(q)
    const moves = catalogue.moves.filter(
      (m) =>
        (needle === '' || fold(m.name_fr ?? '').includes(needle) || fold(m.name_en).includes(needle)) &&
        (type === undefined || m.type_id === type.id) &&
        (category === '' || m.category === CATEGORY_OF[category]) &&
        inBand(m.power, band),
    )
    const top = moves
      .filter((m) => m.power !== null)
      .sort(byPower)
      .slice(0, 10)
    const body = (
      <section class="moves">
        <h1>Capacités</h1>
        <LiveFilterForm path="/moves" results="moves-results">
          <label>
            Recherche
            <input type="search" name="q" value={q} placeholder="Tonnerre, Surf…" />
          </label>
          <TypeSelect catalogue={catalogue} selected={type?.slug} />
          <label>
            Catégorie
            <select name="categorie">
              {Object.entries(CATEGORIES).map(([value, label]) => (
                <option value={value} selected={value === category}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Puissance
            <select name="puissance">
              {Object.entries(BANDS).map(([value, label]) => (
                <option value={value} selected={value === band}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <noscript>
            <button type="submit">Filtrer</button>
          </noscript>
        </LiveFilterForm>
        <div id="moves-results" aria-live="polite">
          <aside class="top-moves" id="top-moves">
            <h2>Top 10 les plus puissantes</h2>
            {top.length === 0 ? <p class="empty">Aucune capacité offensive dans cette sélection.</p> : null}
            <ol>
              {top.map((m) => (
                <li>
                  <a href={`/moves/${m.slug}`}>{frenchName(m)}</a> <span class="power">{m.power}</span>{' '}
                  <TypeBadge type={catalogue.typeById.get(m.type_id)} />
                </li>
              ))}
            </ol>
          </aside>
          <p class="count">{`${moves.length} capacités sur ${catalogue.moves.length}`}</p>
          <table class="dex-table">
            <MoveHead />
            <MoveRows catalogue={catalogue} moves={moves} />
          </table>
          {moves.length === 0 ? <p class="empty">Aucune capacité ne correspond à ces filtres.</p> : null}
        </div>
      </section>
    )
    return c.html(
      wantsFragment(c) ? (
        body
      ) : (
        <Layout title="Capacités" path="/moves">
          {body}
        </Layout>
      ),
    )
  }
}
