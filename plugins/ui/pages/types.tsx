import type { Context } from 'hono'
import type { PokedexReader, TypeRow } from '../../../core/contracts/pokedex.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import { multiplierText, Scroll } from './pokedex-shared.tsx'

const CLASS: Record<number, string> = { 0: 'm0', 0.5: 'm05', 1: 'm1', 2: 'm2' }
const LABEL: Record<number, string> = { 0: '0', 0.5: '½', 1: '1', 2: '2' }

/** The coloured 18×18 matrix: rows attack, columns defend. */
function Matrix(props: { l: Locale; types: TypeRow[]; cell: (a: number, d: number) => number }) {
  const { l } = props
  const t = l.t.types
  return (
    <Scroll label={t.matrixLabel}>
      <table class="chart">
        <thead>
          <tr>
            <th class="row corner" scope="col">
              {/* « Attaque ↓ / Défense → » on two short lines: rotated like the column heads, it was cut off */}
              {t.corner.split(' / ').map((part) => (
                <span class="corner-part">{part}</span>
              ))}
            </th>
            {props.types.map((type) => (
              <th scope="col">{l.typeName(type)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.types.map((a) => (
            <tr>
              <th class="row" scope="row">
                {l.typeName(a)}
              </th>
              {props.types.map((d) => {
                const m = props.cell(a.id, d.id)
                return (
                  <td class={CLASS[m]} title={`${l.typeName(a)} → ${l.typeName(d)} : ${multiplierText(m)}`}>
                    {LABEL[m]}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

/** The answer fragment for one attacking type against a (dual-typed) defender. */
function Answer(props: { l: Locale; attacker: TypeRow; defenders: TypeRow[]; multiplier: number }) {
  const { l, multiplier: m } = props
  const v = l.t.types.verdicts
  const verdict = m === 0 ? v.none : m > 1 ? v.super : m < 1 ? v.notVery : v.normal
  const [before, , middle, , after] = l.t.types.answer('', '', multiplierText(m), verdict)
  return (
    <p class="answer" id="answer" aria-live="polite">
      {before}
      <strong>{l.typeName(props.attacker)}</strong>
      {middle}
      <strong>{props.defenders.map((d) => l.typeName(d)).join(' / ')}</strong>
      {after}
    </p>
  )
}

function TypeSelectField(props: {
  l: Locale
  types: TypeRow[]
  name: string
  label: string
  optional?: boolean
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        {props.optional ? <option value="">{props.l.t.types.none}</option> : null}
        {props.types.map((t) => (
          <option value={t.slug}>{props.l.typeName(t)}</option>
        ))}
      </select>
    </label>
  )
}

/**
 * `/types` (full page or fragment) and `/types/answer` (htmx fragment) handlers.
 *
 * @example
 * app.get('/types', createTypePages(pokedex).page)
 */
export function createTypePages(pokedex: PokedexReader) {
  const load = async () => {
    const [types, chart] = await Promise.all([pokedex.listTypes(), pokedex.typeChart()])
    const cells = new Map(chart.map((c) => [`${c.attacking_id}:${c.defending_id}`, c.multiplier]))
    return { types, cell: (a: number, d: number) => cells.get(`${a}:${d}`) ?? 1 }
  }
  return {
    async page(c: Context) {
      const l = localeOf(c)
      const t = l.t.types
      const { types, cell } = await load()
      const body = (
        <section class="types-page">
          <h1>{t.title}</h1>
          <form
            class="picker"
            hx-get="/types/answer"
            hx-target="#answer"
            hx-swap="outerHTML"
            hx-trigger="change"
          >
            <TypeSelectField l={l} types={types} name="attacking" label={t.attacking} />
            <TypeSelectField l={l} types={types} name="defending" label={t.defending1} />
            <TypeSelectField l={l} types={types} name="defending2" label={t.defending2} optional />
          </form>
          <Answer
            l={l}
            attacker={types[0]!}
            defenders={[types[0]!]}
            multiplier={cell(types[0]!.id, types[0]!.id)}
          />
          <p class="legend">
            <span class="m2">{t.legend[0]}</span>
            <span class="m05">{t.legend[1]}</span>
            <span class="m0">{t.legend[2]}</span>
          </p>
          <Matrix l={l} types={types} cell={cell} />
        </section>
      )
      return respond(c, { title: t.title, path: '/types', body, locale: l })
    },
    async answer(c: Context) {
      const l = localeOf(c)
      const { types, cell } = await load()
      const bySlug = (s: string | undefined) => types.find((t) => t.slug === s)
      const attacker = bySlug(c.req.query('attacking'))
      const defenders = [bySlug(c.req.query('defending')), bySlug(c.req.query('defending2'))].filter(
        (t): t is TypeRow => t !== undefined,
      )
      if (!attacker || defenders.length === 0) {
        return c.html(
          <p class="error" id="answer" role="alert">
            {l.t.types.chooseBoth}
          </p>,
          400,
        )
      }
      const unique = defenders.filter((d, i) => defenders.findIndex((x) => x.id === d.id) === i)
      const multiplier = unique.reduce((acc, d) => acc * cell(attacker.id, d.id), 1)
      return c.html(<Answer l={l} attacker={attacker} defenders={unique} multiplier={multiplier} />)
    },
  }
}
