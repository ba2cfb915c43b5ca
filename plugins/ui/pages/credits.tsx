import type { Context } from 'hono'
import { localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'

/** Links are written as text (no network from the page): the reader copies them if they wish. */
const SOURCES = [
  [
    'Pokémon Showdown',
    'showdown',
    'github.com/smogon/pokemon-showdown · npm @pkmn/sim, @pkmn/dex, @pkmn/mods',
  ],
  ['PokéAPI', 'pokeapi', 'pokeapi.co · github.com/PokeAPI/pokeapi'],
  ['pokemon', 'pokemonNames', 'npm pokemon (github.com/sindresorhus/pokemon)'],
  ['PokéSprite', 'sprites', 'github.com/msikma/pokesprite · npm pokesprite-images'],
  ['Poképédia', 'pokepedia', 'www.pokepedia.fr'],
] as const

/** `/credits`: data sources, their licences, and the trademarks notice. */
export function creditsPage(c: Context) {
  const l = localeOf(c)
  const t = l.t.credits
  const body = (
    <section class="credits">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <h2>{t.sources}</h2>
      <dl class="sources">
        {SOURCES.map(([name, key, where]) => (
          <>
            <dt>{name}</dt>
            <dd>
              {t[key]} <small>{where}</small>
            </dd>
          </>
        ))}
      </dl>
      <h2>{t.software}</h2>
      <p>{t.softwareText}</p>
      <p>{t.texts}</p>
    </section>
  )
  return respond(c, { title: t.title, path: '/credits', body, locale: l })
}
