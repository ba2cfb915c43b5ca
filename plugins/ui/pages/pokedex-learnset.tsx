import type { LearnsetEntry, PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import type { Locale } from '../i18n/locale.ts'
import { choice, Scroll, TypeBadge } from './pokedex-shared.tsx'

/** Learn-method filter values (accent-free for URLs) and the learnset methods they keep. */
const METHOD_OF = {
  depart: 'start',
  niveau: 'level-up',
  evolution: 'evolution',
  ct: 'tm',
  donneur: 'tutor',
  herite: 'inherited',
} as const satisfies Record<string, LearnsetEntry['method']>
export type MethodFilter = 'tous' | keyof typeof METHOD_OF

/** Reads `?methode=`; an unknown value is a 400 like every other filter. */
export function readMethodFilter(l: Locale, value: string | undefined): MethodFilter {
  return choice(l, l.t.dex.learnset.methodLabel, value, l.t.dex.learnset.methods, 'tous')
}

/** How the move is learned: start, level 12, evolution, TM 5, tutor, inherited from X. */
function methodText(l: Locale, catalogue: PokedexCatalogue, entry: LearnsetEntry) {
  const t = l.t.dex.learnset
  switch (entry.method) {
    case 'start':
      return t.start
    case 'evolution':
      return t.onEvolution
    case 'level-up':
      return t.level(entry.level)
    case 'tm':
      return t.tm(entry.tm)
    case 'tutor':
      return t.tutor
    case 'inherited': {
      const ancestor = entry.ancestor_id === null ? undefined : catalogue.pokemonById.get(entry.ancestor_id)
      return ancestor ? (
        <>
          {t.inheritedFrom} <a href={`/pokedex/${ancestor.slug}`}>{l.name(ancestor)}</a>
        </>
      ) : (
        t.inherited
      )
    }
  }
}

/**
 * The learnset table with its method filter. The links reload only this block through htmx
 * (`hx-select`), and still work as plain links without JavaScript.
 */
export function Learnset(props: {
  l: Locale
  catalogue: PokedexCatalogue
  pokemon: PokemonEntry
  filter: MethodFilter
}) {
  const { l, catalogue, pokemon, filter } = props
  const t = l.t.dex.learnset
  const headers = l.t.dex.moves.headers
  const all = catalogue.learnsetByPokemon.get(pokemon.id) ?? []
  const rows = filter === 'tous' ? all : all.filter((e) => e.method === METHOD_OF[filter])
  return (
    <section id="learnset" class="learnset">
      <h2>{t.title}</h2>
      <nav class="method-filter" aria-label={t.filterLabel}>
        {Object.entries(t.methods).map(([value, label]) => (
          <a
            href={`/pokedex/${pokemon.slug}?methode=${value}#learnset`}
            hx-get={`/pokedex/${pokemon.slug}?methode=${value}`}
            hx-target="#learnset"
            hx-select="#learnset"
            hx-swap="outerHTML"
            hx-push-url="true"
            aria-current={value === filter ? 'true' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <p class="count">{t.count(rows.length)}</p>
      <Scroll label={t.title}>
        <table class="dex-table">
          <thead>
            <tr>
              <th scope="col">{headers.move}</th>
              <th scope="col">{headers.type}</th>
              <th scope="col" class="wide-only">
                {headers.category}
              </th>
              <th scope="col">{headers.power}</th>
              <th scope="col" class="wide-only">
                {headers.accuracy}
              </th>
              <th scope="col">{headers.method}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => {
              const move = catalogue.moveById.get(entry.move_id)
              if (!move) return null
              return (
                <tr>
                  <td>
                    <a href={`/moves/${move.slug}`}>{l.name(move)}</a>
                  </td>
                  <td>
                    <TypeBadge l={l} type={catalogue.typeById.get(move.type_id)} />
                  </td>
                  <td class="wide-only">{l.t.dex.categories[move.category]}</td>
                  <td class="num">{move.power ?? '—'}</td>
                  <td class="num wide-only">
                    {move.accuracy === null ? '—' : l.percent(move.accuracy / 100, 0)}
                  </td>
                  <td class={`method method-${entry.method}`}>{methodText(l, catalogue, entry)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </Scroll>
    </section>
  )
}
