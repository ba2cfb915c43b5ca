import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type {
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
  SpeciesEntry,
} from '../../../core/contracts/pokedex.ts'
import { STAT_KEYS } from '../../../core/contracts/pokedex.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import { Bar } from './bars.tsx'
import { Learnset, readMethodFilter } from './pokedex-learnset.tsx'
import { MatchupsPlaceholder } from './pokedex-matchups.tsx'
import { Sprite, TypeBadges } from './pokedex-shared.tsx'
import { WeaknessGroups } from './weaknesses.tsx'

/** The highest base stat in the games; bar lengths are value / 255 so bars compare across pages. */
const STAT_MAX = 255

function StatBars(props: { l: Locale; pokemon: PokemonEntry; count: number }) {
  const { l } = props
  const t = l.t.dex.detail
  const { stats, stat_rank } = props.pokemon
  return (
    <section class="stats">
      <h2>{t.statsTitle}</h2>
      <table class="stat-bars">
        <tbody>
          {STAT_KEYS.map((key) => (
            <tr>
              <th scope="row">{t.stats[key]}</th>
              <td class="num">{stats[key]}</td>
              <td class="bar-cell">
                <Bar share={Math.min(stats[key], STAT_MAX) / STAT_MAX} class={`stat-${key}`} />
              </td>
              <td class="rank">{l.t.dex.rank(stat_rank[key], props.count)}</td>
            </tr>
          ))}
          <tr class="total">
            <th scope="row">{t.total}</th>
            <td class="num">{stats.total}</td>
            <td />
            <td class="rank">{l.t.dex.rank(stat_rank.total, props.count)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  )
}

/** How a species evolves from its parent. */
function evolutionHow(l: Locale, species: SpeciesEntry): string {
  const t = l.t.dex.detail.evolution
  if (species.evolution_trigger === 'level') return t.level(species.evolution_level)
  if (species.evolution_trigger === 'stone') {
    return species.evolution_item ? (t.stones[species.evolution_item] ?? species.evolution_item) : t.stone
  }
  if (species.evolution_trigger === 'trade') return t.trade
  return species.evolution_trigger ?? ''
}

/** The whole family (root first, then each stage), with the other forms of this species. */
function EvolutionLine(props: { l: Locale; catalogue: PokedexCatalogue; pokemon: PokemonEntry }) {
  const { l, catalogue, pokemon } = props
  const t = l.t.dex.detail
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
      <h2>{t.evolutionTitle}</h2>
      {stages.length <= 1 ? <p>{t.noEvolution}</p> : null}
      <ol class="evo-line">
        {stages.map((stage) => (
          <li>
            {stage.map((s) => (
              <span class="evo-step">
                {s.evolves_from_id === null ? null : <small>{`(${evolutionHow(l, s)})`}</small>}{' '}
                {link(s.slug, l.name(s))}
              </span>
            ))}
          </li>
        ))}
      </ol>
      {otherForms.length > 0 ? (
        <p class="other-forms">
          {t.otherForms}{' '}
          {otherForms.map((p, i) => (
            <>
              {i > 0 ? ', ' : ''}
              {link(p.slug, l.name(p))}
            </>
          ))}
        </p>
      ) : null}
    </section>
  )
}

/** Links to the forms before and after this one in Pokédex order (wrapping around). */
function Siblings(props: { l: Locale; catalogue: PokedexCatalogue; pokemon: PokemonEntry }) {
  const { l } = props
  const ordered = [...props.catalogue.pokemon].sort((a, b) => a.species_id - b.species_id || a.id - b.id)
  const i = ordered.findIndex((p) => p.id === props.pokemon.id)
  const previous = ordered[(i - 1 + ordered.length) % ordered.length]!
  const next = ordered[(i + 1) % ordered.length]!
  const t = l.t.dex.detail
  return (
    <nav class="siblings" aria-label={t.siblings}>
      <a href={`/pokedex/${previous.slug}`} rel="prev">
        {`← ${t.previous} : ${l.name(previous)}`}
      </a>
      <a href={`/pokedex/${next.slug}`} rel="next">
        {`${t.next} : ${l.name(next)} →`}
      </a>
    </nav>
  )
}

/**
 * `/pokedex/:slug`: one form in full; 404 (HTML page) for an unknown slug. With `matchups`, its
 * best and worst opponents load into the page (htmx) from `/pokedex/:slug/matchups`.
 */
export function createPokemonDetailPage(pokedex: PokedexReader, options: { matchups?: boolean } = {}) {
  return async (c: Context) => {
    const l = localeOf(c)
    const t = l.t.dex.detail
    const catalogue = await pokedex.catalogue()
    const slug = c.req.param('slug') ?? ''
    const pokemon = catalogue.pokemonBySlug.get(slug)
    if (!pokemon) throw new HTTPException(404, { message: l.t.errors.unknownPokemon(slug) })
    const filter = readMethodFilter(l, c.req.query('methode'))
    const name = l.name(pokemon)
    const other = l.otherName(pokemon)
    const body = (
      <article class="pokemon-detail">
        <Siblings l={l} catalogue={catalogue} pokemon={pokemon} />
        <header class="detail-head">
          <Sprite pokemon={pokemon} scale={2} />
          <div>
            <h1>
              {name} {other ? <small lang={l.lang === 'fr' ? 'en' : 'fr'}>{other}</small> : null}
            </h1>
            <p class="meta">
              {l.t.dex.number(pokemon.species_id)} · {t.form} {l.t.dex.forms[pokemon.form]} ·{' '}
              <TypeBadges l={l} catalogue={catalogue} pokemon={pokemon} />
            </p>
            <p class="meta">
              {pokemon.height_m === null ? null : t.height(l.number(pokemon.height_m, 1))}
              {pokemon.height_m !== null && pokemon.weight_kg !== null ? ' · ' : null}
              {pokemon.weight_kg === null ? null : t.weight(l.number(pokemon.weight_kg, 1))}
            </p>
            <a class="predict-link" href={`/predict?a=${encodeURIComponent(pokemon.slug)}`}>
              {t.predict}
            </a>
          </div>
        </header>
        <div class="detail-grid">
          <StatBars l={l} pokemon={pokemon} count={catalogue.pokemon.length} />
          <section class="weaknesses">
            <h2>{t.weaknessesTitle}</h2>
            <WeaknessGroups l={l} catalogue={catalogue} pokemon={pokemon} />
          </section>
        </div>
        {options.matchups ? <MatchupsPlaceholder l={l} slug={pokemon.slug} /> : null}
        <EvolutionLine l={l} catalogue={catalogue} pokemon={pokemon} />
        <Learnset l={l} catalogue={catalogue} pokemon={pokemon} filter={filter} />
      </article>
    )
    return respond(c, { title: name, path: '/pokedex', body, locale: l })
  }
}
