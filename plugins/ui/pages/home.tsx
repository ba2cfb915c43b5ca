import type { Context } from 'hono'
import type { PokedexReader } from '../../../core/contracts/pokedex.ts'
import { localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'

/** The home page: what PredictionDex is and what is loaded. */
export function createHomePage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const l = localeOf(c)
    const t = l.t.home
    const loaded = await pokedex.isLoaded()
    const catalogue = loaded ? await pokedex.catalogue() : undefined
    const body = (
      <section class="home">
        <h1>PredictionDex</h1>
        <p class="lead">{t.lead}</p>
        <ul class="home-links">
          <li>
            <a href="/predict">{t.predict}</a> : {t.predictText}
          </li>
          <li>
            <a href="/pokedex">{l.t.nav.pokedex}</a> {t.and} <a href="/moves">{t.movesLink}</a> :{' '}
            {t.dex(catalogue?.pokemon.length ?? 0, catalogue?.moves.length ?? 0)}
          </li>
          <li>
            <a href="/model">{l.t.nav.model}</a> : {t.model} <a href="/quiz">{l.t.nav.quiz}</a>.
          </li>
          <li>
            <a href="/types">{l.t.nav.types}</a> : {t.types(catalogue?.types.length ?? 0)}
          </li>
          <li>
            <a href="/docs" hx-boost="false">
              {t.docs}
            </a>
          </li>
        </ul>
        {loaded ? null : (
          <p class="error" role="alert">
            {t.notLoaded} <code>bun run stage etl</code>.
          </p>
        )}
      </section>
    )
    return respond(c, { title: t.title, path: '/', body, locale: l })
  }
}
