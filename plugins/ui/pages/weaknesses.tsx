import type { PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import type { Locale } from '../i18n/locale.ts'
import { multiplierText, TypeBadge } from './pokedex-shared.tsx'

/** The order players read a weakness chart in: biggest threats first. */
const MULTIPLIER_ORDER = [4, 2, 1, 0.5, 0.25, 0]

/**
 * A form's weaknesses grouped by multiplier (×4, ×2, ×1, ×½, ×¼, ×0), or only the weaknesses
 * (×4 and ×2) as a compact strip for the predictor's cards.
 */
export function WeaknessGroups(props: {
  l: Locale
  catalogue: PokedexCatalogue
  pokemon: PokemonEntry
  only?: readonly number[]
}) {
  return (
    <>
      {(props.only ?? MULTIPLIER_ORDER).map((m) => {
        const group = props.pokemon.weaknesses.filter((w) => w.multiplier === m)
        if (group.length === 0) return null
        return (
          <div class={`weak-group weak-m${String(m).replace('.', '')}`}>
            <span class="weak-label">{multiplierText(m)}</span>
            {group.map((w) => (
              <TypeBadge l={props.l} type={props.catalogue.typeById.get(w.type_id)} class="weak-badge" />
            ))}
          </div>
        )
      })}
    </>
  )
}
