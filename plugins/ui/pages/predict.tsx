import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { PokedexReader } from '../../../core/contracts/pokedex.ts'
import type { PairPrediction, Predictor } from '../../../core/contracts/predictor.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'
import { MovePickers, PokemonSelect } from './predict-form.tsx'

const pct = (x: number) => `${(100 * x).toFixed(1)} %`
const ko = (n: number) => (n >= 99 ? '—' : String(n))

/**
 * The battle predictor page: pick your Pokémon and its moves, the opponent (and optionally its
 * moves); the answer ranks your moves by your win probability against the opponent's best reply.
 */
export function createPredictPages(pokedex: PokedexReader, predictor: Predictor) {
  const formOf = async (slug: string | undefined) => {
    const catalogue = await pokedex.catalogue()
    const pokemon = slug ? catalogue.pokemonBySlug.get(slug) : undefined
    if (slug !== undefined && !pokemon) throw new HTTPException(404, { message: `Pokémon inconnu : ${slug}` })
    return { catalogue, pokemon }
  }
  return {
    async page(c: Context) {
      const { catalogue } = await formOf(undefined)
      // ?a=&b= preselect the two sides (the Pokédex's "Prédire un combat" link); unknown → defaults.
      const a = catalogue.pokemonBySlug.get(c.req.query('a') ?? '') ?? catalogue.pokemonBySlug.get('pikachu')!
      const b =
        catalogue.pokemonBySlug.get(c.req.query('b') ?? '') ?? catalogue.pokemonBySlug.get('squirtle')!
      const body = (
        <section>
          <h1>Prédiction de combat</h1>
          {predictor.modelInfo() ? null : (
            <p class="error">Aucun modèle chargé : entraînez-en un (bun run stage ml:train).</p>
          )}
          <form class="predict" hx-post="/predict" hx-target="#ranking" hx-swap="innerHTML">
            <fieldset>
              <legend>Votre Pokémon</legend>
              <PokemonSelect catalogue={catalogue} name="pokemon_a" side="a" selected={a.slug} />
              <MovePickers
                catalogue={catalogue}
                pokemon={a}
                moves={await predictor.damagingMoves(a.slug)}
                side="a"
              />
            </fieldset>
            <fieldset>
              <legend>L’adversaire</legend>
              <PokemonSelect catalogue={catalogue} name="pokemon_b" side="b" selected={b.slug} />
              <MovePickers
                catalogue={catalogue}
                pokemon={b}
                moves={await predictor.damagingMoves(b.slug)}
                side="b"
              />
            </fieldset>
            <button type="submit">Quelle attaque choisir ?</button>
          </form>
          <div id="ranking" aria-live="polite" />
        </section>
      )
      return c.html(
        wantsFragment(c) ? (
          body
        ) : (
          <Layout title="Prédiction" path="/predict">
            {body}
          </Layout>
        ),
      )
    },
    async moves(c: Context) {
      const side = c.req.query('side') === 'b' ? 'b' : 'a'
      const { catalogue, pokemon } = await formOf(c.req.query(`pokemon_${side}`) ?? '')
      return c.html(
        <MovePickers
          catalogue={catalogue}
          pokemon={pokemon!}
          moves={await predictor.damagingMoves(pokemon!.slug)}
          side={side}
        />,
      )
    },
    async answer(c: Context) {
      const form = await c.req.parseBody({ all: true })
      const list = (v: unknown) =>
        (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String).filter(Boolean)
      const { catalogue, pokemon: a } = await formOf(String(form.pokemon_a ?? ''))
      const b = (await formOf(String(form.pokemon_b ?? ''))).pokemon!
      const movesA = [...new Set(list(form.moves_a))]
      const pickedB = [...new Set(list(form.moves_b))]
      const movesB = pickedB.length > 0 ? pickedB : await predictor.damagingMoves(b.slug)
      const allowedA = new Set(await predictor.damagingMoves(a!.slug))
      const allowedB = new Set(await predictor.damagingMoves(b.slug))
      if (
        movesA.length === 0 ||
        movesA.some((m) => !allowedA.has(m)) ||
        movesB.some((m) => !allowedB.has(m)) ||
        movesB.length === 0
      ) {
        throw new HTTPException(400, {
          message: 'Choisissez au moins une attaque que votre Pokémon peut apprendre.',
        })
      }
      if (!predictor.modelInfo())
        throw new HTTPException(503, { message: 'Aucun modèle chargé pour le moment.' })
      const scored = await predictor.predictPairs(
        movesA.flatMap((ma) => movesB.map((mb) => ({ a: a!.slug, moveA: ma, b: b.slug, moveB: mb }))),
      )
      const rows = movesA
        .map((ma, i) => {
          const replies = movesB.map((mb, j) => ({ mb, p: scored[i * movesB.length + j] as PairPrediction }))
          const worst = replies.reduce((x, y) => (y.p.winProbability < x.p.winProbability ? y : x))
          return { ma, worst }
        })
        .sort(
          (x, y) =>
            Number(y.worst.p.a.damageShare > 0) - Number(x.worst.p.a.damageShare > 0) ||
            y.worst.p.winProbability - x.worst.p.winProbability,
        )
      const name = (slug: string) => {
        const m = catalogue.moveBySlug.get(slug)!
        return m.name_fr ?? m.name_en
      }
      return c.html(
        <table class="ranking">
          <caption>
            {`${a!.name_fr ?? a!.name_en} contre ${b.name_fr ?? b.name_en} — la meilleure attaque en premier`}
          </caption>
          <thead>
            <tr>
              <th>Attaque</th>
              <th>Chance de victoire (pire riposte)</th>
              <th>Riposte la plus dangereuse</th>
              <th>Dégâts/tour (vous → lui)</th>
              <th>Coups pour K.O.</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr class={i === 0 ? 'best' : ''}>
                <td>{name(r.ma)}</td>
                <td>
                  <span class="track" aria-hidden="true">
                    <span class="bar" style={`width:${Math.round(100 * r.worst.p.winProbability)}%`} />
                  </span>
                  {pct(r.worst.p.winProbability)}
                </td>
                <td>{name(r.worst.mb)}</td>
                <td>{`${pct(Math.min(1, r.worst.p.a.damageShare))} · ${pct(Math.min(1, r.worst.p.b.damageShare))}`}</td>
                <td>{`${ko(r.worst.p.a.hitsToKo)} · ${ko(r.worst.p.b.hitsToKo)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>,
      )
    },
  }
}
