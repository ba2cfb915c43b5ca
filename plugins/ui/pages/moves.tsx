import type { Context } from 'hono'
import type { MoveEntry, PokedexCatalogue, PokedexReader } from '../../../core/contracts/pokedex.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import {
  choice,
  LiveFilterForm,
  nameMatches,
  Scroll,
  TypeBadge,
  TypeSelect,
  typeFilter,
} from './pokedex-shared.tsx'

const CATEGORY_OF = { physique: 'physical', speciale: 'special', statut: 'status' } as const
type Band = '' | '0-40' | '41-80' | '81-120' | '121+' | 'aucune'

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
const byPower = (l: Locale) => (a: MoveEntry, b: MoveEntry) =>
  (b.power ?? -1) - (a.power ?? -1) ||
  (b.accuracy ?? 101) - (a.accuracy ?? 101) ||
  l.name(a).localeCompare(l.name(b), l.lang)

function MoveTable(props: { l: Locale; catalogue: PokedexCatalogue; moves: MoveEntry[] }) {
  const { l } = props
  const h = l.t.dex.moves.headers
  return (
    <Scroll label={l.t.dex.moves.title}>
      <table class="dex-table">
        <thead>
          <tr>
            <th scope="col">{h.move}</th>
            <th scope="col">{h.type}</th>
            <th scope="col" class="wide-only">
              {h.category}
            </th>
            <th scope="col">{h.power}</th>
            <th scope="col">{h.accuracy}</th>
            <th scope="col" class="wide-only">
              {h.pp}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.moves.map((m) => (
            <tr>
              <td>
                <a href={`/moves/${m.slug}`}>{l.name(m)}</a>
              </td>
              <td>
                <TypeBadge l={l} type={props.catalogue.typeById.get(m.type_id)} />
              </td>
              <td class="wide-only">{l.t.dex.categories[m.category]}</td>
              <td class="num">{m.power ?? '—'}</td>
              <td class="num">{m.accuracy === null ? '—' : l.percent(m.accuracy / 100, 0)}</td>
              <td class="num wide-only">{m.pp}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

/** `/moves`: the 226 LGPE moves, searchable in French or English, with the ten strongest. */
export function createMovesPage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const l = localeOf(c)
    const t = l.t.dex.moves
    const catalogue = await pokedex.catalogue()
    const q = c.req.query('q') ?? ''
    const type = typeFilter(l, catalogue, c.req.query('type'))
    const category = choice(l, t.categoryLabel, c.req.query('categorie'), t.categories, '')
    const band = choice(l, t.powerLabel, c.req.query('puissance'), t.bands, '') as Band
    const moves = catalogue.moves.filter(
      (m) =>
        nameMatches(m, q) &&
        (type === undefined || m.type_id === type.id) &&
        (category === '' || m.category === CATEGORY_OF[category]) &&
        inBand(m.power, band),
    )
    const top = moves
      .filter((m) => m.power !== null)
      .sort(byPower(l))
      .slice(0, 10)
    const body = (
      <section class="moves">
        <h1>{t.title}</h1>
        <LiveFilterForm path="/moves" results="moves-results">
          <label>
            {t.searchLabel}
            <input type="search" name="q" value={q} placeholder={t.searchPlaceholder} />
          </label>
          <TypeSelect l={l} catalogue={catalogue} selected={type?.slug} />
          <label>
            {t.categoryLabel}
            <select name="categorie">
              {Object.entries(t.categories).map(([value, label]) => (
                <option value={value} selected={value === category}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.powerLabel}
            <select name="puissance">
              {Object.entries(t.bands).map(([value, label]) => (
                <option value={value} selected={value === band}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <noscript>
            <button type="submit">{l.t.dex.filter}</button>
          </noscript>
        </LiveFilterForm>
        <div id="moves-results" aria-live="polite">
          <aside class="top-moves" id="top-moves">
            <h2>{t.top}</h2>
            {top.length === 0 ? <p class="empty">{t.topEmpty}</p> : null}
            <ol>
              {top.map((m) => (
                <li>
                  <a href={`/moves/${m.slug}`}>{l.name(m)}</a> <span class="power">{m.power}</span>{' '}
                  <TypeBadge l={l} type={catalogue.typeById.get(m.type_id)} />
                </li>
              ))}
            </ol>
          </aside>
          <p class="count">{t.count(moves.length, catalogue.moves.length)}</p>
          <MoveTable l={l} catalogue={catalogue} moves={moves} />
          {moves.length === 0 ? <p class="empty">{t.empty}</p> : null}
        </div>
      </section>
    )
    return respond(c, { title: t.title, path: '/moves', body, locale: l })
  }
}
