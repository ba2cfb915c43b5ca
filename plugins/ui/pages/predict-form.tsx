import type { PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'

const frName = (row: { name_en: string; name_fr: string | null }) => row.name_fr ?? row.name_en

/** Forms in Pokédex order, named in French. */
export function PokemonSelect(props: {
  catalogue: PokedexCatalogue
  name: string
  side: 'a' | 'b'
  selected: string
}) {
  return (
    <select
      name={props.name}
      hx-get="/predict/moves"
      hx-include="this"
      hx-vals={`{"side": "${props.side}"}`}
      hx-target={`#moves-${props.side}`}
      hx-trigger="change"
    >
      {[...props.catalogue.pokemon]
        .sort((x, y) => x.species_id - y.species_id || x.id - y.id)
        .map((p) => (
          <option value={p.slug} selected={p.slug === props.selected}>
            {`#${String(p.species_id).padStart(3, '0')} ${frName(p)}`}
          </option>
        ))}
    </select>
  )
}

/**
 * Up to four move pickers for one side, offering only the damaging moves that form can use in
 * Let's Go (the four strongest preselected). B's pickers add "auto": every move, worst case.
 */
export function MovePickers(props: {
  catalogue: PokedexCatalogue
  pokemon: PokemonEntry
  moves: readonly string[]
  side: 'a' | 'b'
}) {
  const options = props.moves
    .map((slug) => props.catalogue.moveBySlug.get(slug)!)
    .sort((x, y) => frName(x).localeCompare(frName(y), 'fr'))
  // Preselect the four strongest on paper (power × STAB × accuracy): a sensible start to edit.
  const strength = (m: (typeof options)[number]) =>
    (m.power ?? 0) * (props.pokemon.type_ids.includes(m.type_id) ? 1.5 : 1) * ((m.accuracy ?? 100) / 100)
  const preselected = [...options]
    .sort((x, y) => strength(y) - strength(x) || x.slug.localeCompare(y.slug))
    .slice(0, 4)
  return (
    <div class="moves" id={`moves-${props.side}`}>
      {[0, 1, 2, 3].map((i) => (
        <select name={`moves_${props.side}`} aria-label={`Attaque ${i + 1}`}>
          {props.side === 'b' ? (
            <option value="">auto (toutes ses attaques)</option>
          ) : (
            <option value="">—</option>
          )}
          {options.map((m) => (
            <option value={m.slug} selected={props.side === 'a' && preselected[i]?.slug === m.slug}>
              {frName(m)}
            </option>
          ))}
        </select>
      ))}
    </div>
  )
}
