import type { Context } from 'hono'
import type { PokedexReader, TypeRow } from '../../../core/contracts/pokedex.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'

const CLASS: Record<number, string> = { 0: 'm0', 0.5: 'm05', 1: 'm1', 2: 'm2' }
const LABEL: Record<number, string> = { 0: '0', 0.5: '½', 1: '1', 2: '2' }

function formatMultiplier(m: number): string {
  return m === 0.25 ? '×¼' : m === 0.5 ? '×½' : `×${m}`
}

/** The coloured 18×18 matrix: rows attack, columns defend. */
function Matrix(props: { types: TypeRow[]; cell: (a: number, d: number) => number }) {
  return (
    <table
      class="chart"
      aria-label="Table des types : lignes = type de l’attaque, colonnes = type du défenseur"
    >
      <thead>
        <tr>
          <th class="row">Attaque ↓ / Défense →</th>
          {props.types.map((t) => (
            <th scope="col">{t.name_fr}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.types.map((a) => (
          <tr>
            <th class="row" scope="row">
              {a.name_fr}
            </th>
            {props.types.map((d) => {
              const m = props.cell(a.id, d.id)
              return (
                <td class={CLASS[m]} title={`${a.name_fr} → ${d.name_fr} : ${formatMultiplier(m)}`}>
                  {LABEL[m]}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The answer fragment for one attacking type against a (dual-typed) defender. */
function Answer(props: { attacker: TypeRow; defenders: TypeRow[]; multiplier: number }) {
  const verdict =
    props.multiplier === 0
      ? 'aucun effet'
      : props.multiplier > 1
        ? 'super efficace'
        : props.multiplier < 1
          ? 'pas très efficace'
          : 'efficacité normale'
  return (
    <p class="answer" id="answer">
      Une attaque <strong>{props.attacker.name_fr}</strong> contre un Pokémon{' '}
      <strong>{props.defenders.map((d) => d.name_fr).join(' / ')}</strong> :{' '}
      {formatMultiplier(props.multiplier)} ({verdict})
    </p>
  )
}

/**
 * `/types` (full page or fragment) and `/types/answer` (htmx fragment) handlers.
 *
 * @example
 * app.get('/types', typesPage(pokedex))
 */
export function createTypePages(pokedex: PokedexReader) {
  const load = async () => {
    const [types, chart] = await Promise.all([pokedex.listTypes(), pokedex.typeChart()])
    const cells = new Map(chart.map((c) => [`${c.attacking_id}:${c.defending_id}`, c.multiplier]))
    return { types, cell: (a: number, d: number) => cells.get(`${a}:${d}`) ?? 1 }
  }
  return {
    async page(c: Context) {
      const { types, cell } = await load()
      const body = (
        <section>
          <h1>Table des types</h1>
          <form
            class="picker"
            hx-get="/types/answer"
            hx-target="#answer"
            hx-swap="outerHTML"
            hx-trigger="change"
          >
            <label>
              Type de l’attaque
              <select name="attacking">
                {types.map((t) => (
                  <option value={t.slug}>{t.name_fr}</option>
                ))}
              </select>
            </label>
            <label>
              Défenseur : type 1
              <select name="defending">
                {types.map((t) => (
                  <option value={t.slug}>{t.name_fr}</option>
                ))}
              </select>
            </label>
            <label>
              type 2 (facultatif)
              <select name="defending2">
                <option value="">—</option>
                {types.map((t) => (
                  <option value={t.slug}>{t.name_fr}</option>
                ))}
              </select>
            </label>
          </form>
          <Answer
            attacker={types[0]!}
            defenders={[types[0]!]}
            multiplier={cell(types[0]!.id, types[0]!.id)}
          />
          <p class="legend">
            <span class="m2">2 super efficace</span>
            <span class="m05">½ pas très efficace</span>
            <span class="m0">0 aucun effet</span>
          </p>
          <Matrix types={types} cell={cell} />
        </section>
      )
      return c.html(
        wantsFragment(c) ? (
          body
        ) : (
          <Layout title="Table des types" path="/types">
            {body}
          </Layout>
        ),
      )
    },
    async answer(c: Context) {
      const { types, cell } = await load()
      const bySlug = (s: string | undefined) => types.find((t) => t.slug === s)
      const attacker = bySlug(c.req.query('attacking'))
      const defenders = [bySlug(c.req.query('defending')), bySlug(c.req.query('defending2'))].filter(
        (t): t is TypeRow => t !== undefined,
      )
      if (!attacker || defenders.length === 0) {
        return c.html(
          <p class="error" id="answer">
            Choisissez un type d’attaque et au moins un type de défenseur.
          </p>,
          400,
        )
      }
      const unique = defenders.filter((d, i) => defenders.findIndex((x) => x.id === d.id) === i)
      const multiplier = unique.reduce((acc, d) => acc * cell(attacker.id, d.id), 1)
      return c.html(<Answer attacker={attacker} defenders={unique} multiplier={multiplier} />)
    },
  }
}
