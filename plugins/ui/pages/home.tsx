import type { Context } from 'hono'
import type { PokedexReader } from '../../../core/contracts/pokedex.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'

/** The home page: what PredictionDex is and what is loaded. */
export function createHomePage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const loaded = await pokedex.isLoaded()
    const types = loaded ? (await pokedex.listTypes()).length : 0
    const body = (
      <section>
        <h1>PredictionDex</h1>
        <p>
          Quelle attaque choisir, et avec quelle chance de gagner ? PredictionDex répond pour les combats de
          Pokémon : Let’s Go, Pikachu et Let’s Go, Évoli, à partir du vrai moteur de combat.
        </p>
        <ul>
          <li>
            <a href="/predict">Prédiction de combat</a> : quelle attaque choisir, avec quelle chance de
            gagner.
          </li>
          <li>
            <a href="/pokedex">Pokédex</a> et <a href="/moves">capacités</a> : les 188 formes et 226 attaques
            de Let’s Go.
          </li>
          <li>
            <a href="/model">Le modèle</a> : ses performances mesurées, face aux règles simples.{' '}
            <a href="/quiz">Quiz des types</a>.
          </li>
          <li>
            <a href="/types">Table des types</a> : {types} types, efficacités en couleur et calculateur double
            type.
          </li>
          <li>
            <a href="/docs">Documentation de l’API</a>
          </li>
        </ul>
        {loaded ? null : (
          <p class="error">
            Les données ne sont pas encore chargées : lancez <code>bun run stage etl</code>.
          </p>
        )}
      </section>
    )
    return c.html(
      wantsFragment(c) ? (
        body
      ) : (
        <Layout title="Accueil" path="/">
          {body}
        </Layout>
      ),
    )
  }
}
