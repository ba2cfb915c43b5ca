import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type {
  MoveEntry,
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
} from '../../../core/contracts/pokedex.ts'
import { wantsFragment } from '../htmx.ts'
import { Layout } from '../layout.tsx'
import { CATEGORY_FR } from './pokedex-learnset.tsx'
import { frenchName, TypeBadge, TypeBadges } from './pokedex-shared.tsx'

/** The ETL's effect classes in French words; an unknown class is shown as stored. */
const EFFECT_FR: Record<string, string> = {
  damage: 'dégâts simples',
  'multi-hit': 'coups multiples',
  ohko: 'K.O. en un coup',
  'two-turn': 'en deux tours',
  'stat-change': 'modifie les statistiques',
  other: 'autre effet',
  recoil: 'dégâts de recul',
  'status-condition': 'altération de statut',
  'fixed-damage': 'dégâts fixes',
  field: 'effet de terrain',
  recharge: 'recharge au tour suivant',
  'weight-based': 'selon le poids',
  counter: 'riposte (renvoie les dégâts)',
  drain: 'draine les PV',
  priority: 'prioritaire',
  healing: 'soin',
  'self-destruct': 'le lanceur tombe K.O.',
  protect: 'protection',
  'variable-power': 'puissance variable',
}

function critText(move: MoveEntry): string {
  if (move.always_crit) return 'toujours critique'
  return move.crit_ratio > 1 ? `taux de critique élevé (niveau ${move.crit_ratio})` : 'normal'
}

function Facts(props: { move: MoveEntry }) {
  const m = props.move
  const facts: [string, string][] = [
    ['Catégorie', CATEGORY_FR[m.category]],
    ['Puissance', m.power === null ? '—' : String(m.power)],
    ['Précision', m.accuracy === null ? 'ne rate jamais' : `${m.accuracy} %`],
    ['PP', String(m.pp)],
    ['Priorité', m.priority > 0 ? `+${m.priority}` : String(m.priority)],
    ['Effet', EFFECT_FR[m.effect_class] ?? m.effect_class],
    ['Coup critique', critText(m)],
  ]
  if (m.multi_hit_min !== null) {
    const max = m.multi_hit_max ?? m.multi_hit_min
    facts.push(['Coups', max === m.multi_hit_min ? String(max) : `${m.multi_hit_min} à ${max}`])
  }
  if (m.recoil !== null) facts.push(['Recul', `${Math.round(100 * m.recoil)} % des dégâts infligés`])
  if (m.drain !== null) facts.push(['Drain', `${Math.round(100 * m.drain)} % des dégâts infligés`])
  facts.push(['Effet secondaire', m.secondary ?? 'aucun'])
  return (
    <dl class="move-facts">
      {facts.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
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
    const catalogue = await pokedex.catalogue()
    const slug = c.req.param('slug') ?? ''
    const move = catalogue.moveBySlug.get(slug)
    if (!move) throw new HTTPException(404, { message: `Capacité inconnue : « ${slug} ».` })
    const learners = learnersOf(catalogue, move)
    const description = move.description_fr ?? move.description_en
    const body = (
      <article class="move-detail">
        <h1>
          {frenchName(move)} {move.name_fr ? <small lang="en">{move.name_en}</small> : null}{' '}
          <TypeBadge type={catalogue.typeById.get(move.type_id)} />
        </h1>
        {description ? (
          <p class="description" lang={move.description_fr ? 'fr' : 'en'}>
            {description}
          </p>
        ) : null}
        <Facts move={move} />
        <section class="learners">
          <h2>{`Pokémon qui peuvent l’utiliser (${learners.length})`}</h2>
          {learners.length === 0 ? <p class="empty">Aucun Pokémon ne l’apprend.</p> : null}
          <ul class="learner-list">
            {learners.map((p) => (
              <li>
                <a href={`/pokedex/${p.slug}`}>{frenchName(p)}</a>{' '}
                <TypeBadges catalogue={catalogue} pokemon={p} />
              </li>
            ))}
          </ul>
        </section>
        <p>
          <a href="/moves">← Toutes les capacités</a>
        </p>
      </article>
    )
    return c.html(
      wantsFragment(c) ? (
        body
      ) : (
        <Layout title={frenchName(move)} path="/moves">
          {body}
        </Layout>
      ),
    )
  }
}
