import type { PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import type { Locale } from '../i18n/locale.ts'
import { Bar } from './bars.tsx'
import { TypeBadge } from './pokedex-shared.tsx'
import type { MoveAdvice, Outlook } from './predict-advice.ts'

/** « 45–53 % (critique : 68–80 %) »: a damage range, crits apart, when the advice has one. */
function rangeText(l: Locale, o: Outlook): string | null {
  if (!o.range) return null
  const t = l.t.battle.result
  const span = (min: number, max: number) => t.range(l.percent(min, 0), l.percent(max, 0))
  const crit =
    o.range.critMin !== undefined && o.range.critMax !== undefined
      ? ` ${t.crit(span(o.range.critMin, o.range.critMax))}`
      : ''
  return span(o.range.min, o.range.max) + crit
}

/** « garanti en 2 coups », « 56 % de chances de K.O. en 1 coup », else the average hits to KO. */
export function koText(l: Locale, o: Outlook): string {
  const t = l.t.battle.result
  if (o.ko)
    return o.ko.chance >= 1 ? t.koGuaranteed(o.ko.hits) : t.koChance(l.percent(o.ko.chance, 0), o.ko.hits)
  if (o.hitsToKo === undefined || o.hitsToKo >= 99) return t.koNever
  return t.koAverage(o.hitsToKo)
}

/** True when the advice says anything about this side's damage (exact answers do; others may not). */
function hasDetails(o: Outlook): boolean {
  return (
    o.range !== undefined || o.ko !== undefined || o.damagePerTurn !== undefined || o.hitsToKo !== undefined
  )
}

function OutlookText(props: { l: Locale; o: Outlook }) {
  const { l, o } = props
  const range = rangeText(l, o)
  return (
    <>
      {range ??
        (o.damagePerTurn === undefined
          ? '—'
          : l.t.battle.result.perTurn(l.percent(Math.min(1, o.damagePerTurn))))}
      {' · '}
      {koText(l, o)}
    </>
  )
}

/**
 * The ranking: one card per move, best first, with your win chance, the opponent's most
 * dangerous reply, and what each side's move does (damage range and KO wording when the advice
 * gives them, the model's average damage otherwise).
 */
export function Ranking(props: {
  l: Locale
  catalogue: PokedexCatalogue
  a: PokemonEntry
  b: PokemonEntry
  advice: readonly MoveAdvice[]
}) {
  const { l, catalogue } = props
  const t = l.t.battle.result
  const move = (slug: string) => catalogue.moveBySlug.get(slug)!
  return (
    <section class="ranking" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t.title(l.name(props.a), l.name(props.b))}</h2>
      <ol class="advice-list">
        {props.advice.map((r, i) => (
          <li class={i === 0 ? 'advice best' : 'advice'}>
            <p class="advice-move">
              <strong>{l.name(move(r.move))}</strong>{' '}
              <TypeBadge l={l} type={catalogue.typeById.get(move(r.move).type_id)} />
              {i === 0 ? <span class="best-tag">{t.best}</span> : null}
            </p>
            <p class="advice-win">
              <span class="label">{t.win}</span> <Bar share={r.winProbability} class="win" />{' '}
              <strong class="win-value">{l.percent(r.winProbability)}</strong>
              {r.method ? <small class="method">{t.methods[r.method]}</small> : null}
            </p>
            <dl class="advice-facts">
              <dt>{t.reply}</dt>
              <dd>{l.name(move(r.reply))}</dd>
              {hasDetails(r.yours) || hasDetails(r.theirs) ? (
                <>
                  <dt>{t.yours}</dt>
                  <dd>
                    <OutlookText l={l} o={r.yours} />
                  </dd>
                  <dt>{t.theirs}</dt>
                  <dd>
                    <OutlookText l={l} o={r.theirs} />
                  </dd>
                </>
              ) : (
                <>
                  <dt>{t.damage}</dt>
                  <dd class="no-details">{t.noDetails[r.method === 'sampled' ? 'sampled' : 'model']}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ol>
      <p class="hint">{t.note}</p>
    </section>
  )
}
