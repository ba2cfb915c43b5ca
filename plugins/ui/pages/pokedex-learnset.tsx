import type { LearnsetEntry, PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import { choice, frenchName, TypeBadge } from './pokedex-shared.tsx'

/** Learn-method filter values (French, accent-free for URLs) and the learnset methods they keep. */
export const METHOD_FILTERS = {
  tous: 'Toutes',
  depart: 'Départ',
  niveau: 'Niveau',
  evolution: 'Évolution',
  ct: 'CT',
  donneur: 'Donneur',
  herite: 'Héritées',
} as const
export type MethodFilter = keyof typeof METHOD_FILTERS

const METHOD_OF: Record<Exclude<MethodFilter, 'tous'>, LearnsetEntry['method']> = {
  depart: 'start',
  niveau: 'level-up',
  evolution: 'evolution',
  ct: 'tm',
  donneur: 'tutor',
  herite: 'inherited',
}

export const CATEGORY_FR = { physical: 'Physique', special: 'Spéciale', status: 'Statut' } as const

/** Reads `?methode=`; an unknown value is a 400 like every other filter. */
export function readMethodFilter(value: string | undefined): MethodFilter {
  return choice('Méthode', value, METHOD_FILTERS, 'tous')
}

/** How the move is learned, in French: départ, niveau 12, évolution, CT 5, donneur, hérité de X. */
function methodText(catalogue: PokedexCatalogue, entry: LearnsetEntry) {
  switch (entry.method) {
    case 'start':
      return 'départ'
    case 'evolution':
      return 'évolution'
    case 'level-up':
      return `niveau ${entry.level ?? '?'}`
    case 'tm':
      return entry.tm === null ? 'CT' : `CT ${entry.tm}`
    case 'tutor':
      return 'donneur'
    case 'inherited': {
      const ancestor = entry.ancestor_id === null ? undefined : catalogue.pokemonById.get(entry.ancestor_id)
      return ancestor ? (
        <>
          hérité de <a href={`/pokedex/${ancestor.slug}`}>{frenchName(ancestor)}</a>
        </>
      ) : (
        'hérité'
      )
    }
  }
}

/**
 * The learnset table with its method filter. The links reload only this block through htmx
 * (`hx-select`), and still work as plain links without JavaScript.
 */
export function Learnset(props: {
  catalogue: PokedexCatalogue
  pokemon: PokemonEntry
  filter: MethodFilter
}) {
  const { catalogue, pokemon, filter } = props
  const all = catalogue.learnsetByPokemon.get(pokemon.id) ?? []
  const rows = filter === 'tous' ? all : all.filter((e) => e.method === METHOD_OF[filter])
  return (
    <section id="learnset" class="learnset">
      <h2>Capacités</h2>
      <nav class="method-filter" aria-label="Filtrer par méthode d’apprentissage">
        {Object.entries(METHOD_FILTERS).map(([value, label]) => (
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
      <p class="count">{`${rows.length} entrée${rows.length > 1 ? 's' : ''}`}</p>
      <table class="dex-table">
        <thead>
          <tr>
            <th>Capacité</th>
            <th>Type</th>
            <th>Catégorie</th>
            <th>Puissance</th>
            <th>Précision</th>
            <th>Méthode</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => {
            const move = catalogue.moveById.get(entry.move_id)
            if (!move) return null
            return (
              <tr>
                <td>
                  <a href={`/moves/${move.slug}`}>{frenchName(move)}</a>
                </td>
                <td>
                  <TypeBadge type={catalogue.typeById.get(move.type_id)} />
                </td>
                <td>{CATEGORY_FR[move.category]}</td>
                <td class="num">{move.power ?? '—'}</td>
                <td class="num">{move.accuracy === null ? '—' : `${move.accuracy} %`}</td>
                <td class={`method method-${entry.method}`}>{methodText(catalogue, entry)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
