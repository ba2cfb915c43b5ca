import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type {
  MoveEntry,
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
} from '../../../core/contracts/pokedex.ts'
import { type Locale, localeOf } from '../i18n/locale.ts'
import { respond } from '../layout.tsx'
import { Sprite, TypeBadge, TypeBadges } from './pokedex-shared.tsx'

function critText(l: Locale, move: MoveEntry): string {
  const t = l.t.dex.move.crit
  if (move.always_crit) return t.always
  return move.crit_ratio > 1 ? t.high(move.crit_ratio) : t.normal
}

function Facts(props: { l: Locale; move: MoveEntry }) {
  const { l, move: m } = props
  const t = l.t.dex.move.facts
  const facts: [string, string][] = [
    [t.category, l.t.dex.categories[m.category]],
    [t.power, m.power === null ? '—' : String(m.power)],
    [t.accuracy, m.accuracy === null ? t.neverMisses : l.percent(m.accuracy / 100, 0)],
    [t.pp, String(m.pp)],
    [t.priority, m.priority > 0 ? `+${m.priority}` : String(m.priority)],
    [t.effect, l.t.dex.move.effects[m.effect_class] ?? m.effect_class],
    [t.crit, critText(l, m)],
  ]
  if (m.multi_hit_min !== null) {
    const max = m.multi_hit_max ?? m.multi_hit_min
    facts.push([t.hits, max === m.multi_hit_min ? String(max) : t.hitsRange(m.multi_hit_min, max)])
  }
  if (m.recoil !== null) facts.push([t.recoil, t.shareOfDamage(l.percent(m.recoil, 0))])
  if (m.drain !== null) facts.push([t.drain, t.shareOfDamage(l.percent(m.drain, 0))])
  // The secondary-effect summary is Showdown's English text: say so with `lang`.
  return (
    <dl class="move-facts">
      {facts.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
      <dt>{t.secondary}</dt>
      <dd lang={m.secondary ? 'en' : undefined}>{m.secondary ?? t.none}</dd>
    </dl>
  )
}

/** Every form that can use the move, once each, in Pokédex order. */
function learnersOf(catalogue: PokedexCatalogue, move: MoveEntry): PokemonEntry[] {
  const ids = new Set((catalogue.learnersByMove.get(move.id) ?? []).map((e) => e.pokemon_id))
  return catalogue.pokemon
    .filter((p) => ids.has(p.id))
    .sort((a, b) => a.species_id - b.species_id || a.id - b.id)
}

/** `/moves/:slug`: every stored field of a move and who can use it; 404 for an unknown slug. */
export function createMoveDetailPage(pokedex: PokedexReader) {
  return async (c: Context) => {
    const l = localeOf(c)
    const t = l.t.dex.move
    const catalogue = await pokedex.catalogue()
    const slug = c.req.param('slug') ?? ''
    const move = catalogue.moveBySlug.get(slug)
    if (!move) throw new HTTPException(404, { message: l.t.errors.unknownMove(slug) })
    const learners = learnersOf(catalogue, move)
    const own = l.lang === 'fr' ? move.description_fr : move.description_en
    const description = own ?? move.description_en ?? move.description_fr
    const other = l.otherName(move)
    const body = (
      <article class="move-detail">
        <h1>
          {l.name(move)} {other ? <small lang={l.lang === 'fr' ? 'en' : 'fr'}>{other}</small> : null}{' '}
          <TypeBadge l={l} type={catalogue.typeById.get(move.type_id)} />
        </h1>
        {description ? (
          <p class="description" lang={description === move.description_fr ? 'fr' : 'en'}>
            {description}
          </p>
        ) : null}
        <Facts l={l} move={move} />
        <section class="learners">
          <h2>{t.learners(learners.length)}</h2>
          {learners.length === 0 ? <p class="empty">{t.noLearner}</p> : null}
          <ul class="learner-list">
            {learners.map((p) => (
              <li>
                <a href={`/pokedex/${p.slug}`}>
                  <Sprite pokemon={p} lazy />
                  {l.name(p)}
                </a>{' '}
                <TypeBadges l={l} catalogue={catalogue} pokemon={p} />
              </li>
            ))}
          </ul>
        </section>
        <p>
          <a href="/moves">{t.back}</a>
        </p>
      </article>
    )
    return respond(c, { title: l.name(move), path: '/moves', body, locale: l })
  }
}
