import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type {
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
  SpeciesEntry,
  StatKey,
} from '../../../core/contracts/pokedex.ts'
import { STAT_KEYS } from '../../../core/contracts/pokedex.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'
import { Learnset, readMethodFilter } from './pokedex-learnset.tsx'
import {
  dexNumber,
  FORM_LABELS,
  frenchName,
  multiplierText,
  rankText,
  Sprite,
  TypeBadge,
  TypeBadges,
} from './pokedex-shared.tsx'

const STAT_FR: Record<StatKey, string> = {
  hp: 'PV',
  atk: 'Attaque',
  def: 'Défense',
  spa: 'Att. spé.',
  spd: 'Déf. spé.',
  spe: 'Vitesse',
}

/** The highest base stat in the games; bar widths are value / 255 so bars compare across pages. */
const STAT_MAX = 255

function StatBars(props: { pokemon: PokemonEntry; count: number }) {
  const { stats, stat_rank } = props.pokemon
  return (
    <section class="stats">
      <h2>Statistiques de base</h2>
      <table class="stat-bars">
        <tbody>
          {STAT_KEYS.map((key) => (
            <tr>
              <th scope="row">{STAT_FR[key]}</th>
              <td class="num">{stats[key]}</td>
              <td class="bar-cell">
                <span class="stat-track" aria-hidden="true">
                  <span
                    class={`stat-bar stat-${key}`}
                    style={`width:${((100 * Math.min(stats[key], STAT_MAX)) / STAT_MAX).toFixed(1)}%`}
                  />
                </span>
              </td>
              <td class="rank">{rankText(stat_rank[key], props.count)}</td>
            </tr>
          ))}
          <tr class="total">
            <th scope="row">Total</th>
            <td class="num">{stats.total}</td>
            <td />
            <td class="rank">{rankText(stat_rank.total, props.count)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  )
}

/** The order players read a weakness chart in: biggest threats first. */
const MULTIPLIER_ORDER = [4, 2, 1, 0.5, 0.25, 0]

function Weaknesses(props: { catalogue: PokedexCatalogue; pokemon: PokemonEntry }) {
  return (
    <section class="weaknesses">
      <h2>Faiblesses et résistances</h2>
      {MULTIPLIER_ORDER.map((m) => {
        const group = props.pokemon.weaknesses.filter((w) => w.multiplier === m)
        if (group.length === 0) return null
        return (
          <div class={`weak-group weak-m${String(m).replace('.', '')}`}>
            <span class="weak-label">{multiplierText(m)}</span>
            {group.map((w) => (
              <TypeBadge type={props.catalogue.typeById.get(w.type_id)} class="weak-badge" />
            ))}
          </div>
        )
      })}
    </section>
  )
}

/** The evolution stones of Kanto, named as the French games name them. */
const STONE_FR: Record<string, string> = {
  'thunder-stone': 'Pierre Foudre',
  'fire-stone': 'Pierre Feu',
  'water-stone': 'Pierre Eau',
  'leaf-stone': 'Pierre Plante',
  'moon-stone': 'Pierre Lune',
}

/** How a species evolves from its parent, in French. */
function evolutionHow(species: SpeciesEntry): string {
  if (species.evolution_trigger === 'level') {
    return species.evolution_level === null ? 'montée de niveau' : `niveau ${species.evolution_level}`
  }
  if (species.evolution_trigger === 'stone') {
    return species.evolution_item ? (STONE_FR[species.evolution_item] ?? species.evolution_item) : 'pierre'
  }
  if (species.evolution_trigger === 'trade') return 'échange'
  return species.evolution_trigger ?? ''
}

/** The whole family (root first, then each stage), with the other forms of this species. */
function EvolutionLine(props: { catalogue: PokedexCatalogue; pokemon: PokemonEntry }) {
  const { catalogue, pokemon } = props
  let root = catalogue.speciesById.get(pokemon.species_id)
  while (root?.evolves_from_id != null) root = catalogue.speciesById.get(root.evolves_from_id)
  const stages: SpeciesEntry[][] = []
  for (let stage = root ? [root] : []; stage.length > 0; ) {
    stages.push(stage)
    const ids = new Set(stage.map((s) => s.id))
    stage = catalogue.species.filter((s) => s.evolves_from_id !== null && ids.has(s.evolves_from_id))
  }
  const otherForms = catalogue.pokemon.filter(
    (p) => p.species_id === pokemon.species_id && p.id !== pokemon.id,
  )
  const link = (slug: string, label: string) =>
    slug === pokemon.slug ? <strong>{label}</strong> : <a href={`/pokedex/${slug}`}>{label}</a>
  return (
    <section class="evolutions">
      <h2>Lignée d’évolution</h2>
      {stages.length <= 1 ? <p>Ce Pokémon n’évolue pas.</p> : null}
      <ol class="evo-line">
        {stages.map((stage) => (
          <li>
            {stage.map((s) => (
              <span class="evo-step">
                {s.evolves_from_id === null ? null : <small>{`(${evolutionHow(s)})`}</small>}{' '}
                {link(s.slug, frenchName(s))}
              </span>
            ))}
          </li>
        ))}
      </ol>
      {otherForms.length > 0 ? (
        <p class="other-forms">
          Autres formes :{' '}
          {otherForms.map((p, i) => (
            <>
              {i > 0 ? ', ' : ''}
              {link(p.slug, frenchName(p))}
            </>
          ))}
        </p>
      ) : null}
    </section>
  )
}

/** `/pokedex/:slug`: one form in full; 404 (HTML, via the kernel) for an unknown slug. */
export function createPokemonDetailPage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const catalogue = await pokedex.catalogue()
    const slug = c.req.param('slug') ?? ''
    const pokemon = catalogue.pokemonBySlug.get(slug)
    if (!pokemon) throw new HTTPException(404, { message: `Pokémon inconnu : « ${slug} ».` })
    const filter = readMethodFilter(c.req.query('methode'))
    const name = frenchName(pokemon)
    const body = (
      <article class="pokemon-detail">
        <header class="detail-head">
          <Sprite pokemon={pokemon} size={160} />
          <div>
            <h1>
              {name} <small lang="en">{pokemon.name_en}</small>
            </h1>
            <p class="meta">
              {dexNumber(pokemon.species_id)} · forme {FORM_LABELS[pokemon.form]} ·{' '}
              <TypeBadges catalogue={catalogue} pokemon={pokemon} />
            </p>
            <p class="meta">
              {pokemon.height_m === null ? null : `Taille : ${pokemon.height_m.toLocaleString('fr-FR')} m`}
              {pokemon.height_m !== null && pokemon.weight_kg !== null ? ' · ' : null}
              {pokemon.weight_kg === null ? null : `Poids : ${pokemon.weight_kg.toLocaleString('fr-FR')} kg`}
            </p>
            <a class="predict-link" href={`/predict?a=${encodeURIComponent(pokemon.slug)}`}>
              Prédire un combat
            </a>
          </div>
        </header>
        <div class="detail-grid">
          <StatBars pokemon={pokemon} count={catalogue.pokemon.length} />
          <Weaknesses catalogue={catalogue} pokemon={pokemon} />
        </div>
        <EvolutionLine catalogue={catalogue} pokemon={pokemon} />
        <Learnset catalogue={catalogue} pokemon={pokemon} filter={filter} />
      </article>
    )
    return c.html(
      wantsFragment(c) ? (
        body
      ) : (
        <Layout title={name} path="/pokedex">
          {body}
        </Layout>
      ),
    )
  }
}
