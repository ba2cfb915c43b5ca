import type { ModelTruth } from '../../../core/contracts/model-truth.ts'
import type { PokedexCatalogue } from '../../../core/contracts/pokedex.ts'
import type { Locale } from '../i18n/locale.ts'
import { Scroll } from './pokedex-shared.tsx'

const MECHANICS_SHOWN = 12
const WORST_SHOWN = 10

/**
 * The served model against the exact solver (the `ml:truth` report, read through the predictor
 * service): the acceptance figures, the error by mechanic, calibration and the largest errors.
 *
 * @example
 * <TruthSection l={l} truth={await predictor.truth()} catalogue={await pokedex.catalogue()} />
 */
export function TruthSection(props: { l: Locale; truth: ModelTruth | null; catalogue?: PokedexCatalogue }) {
  const { l, truth, catalogue } = props
  const t = l.t.ml.truth
  const mechanic = (name: string) => t.mechanics[name] ?? name
  // The report names forms and moves by slug; the page names them as the reader does.
  const pokemon = (slug: string) => {
    const p = catalogue?.pokemonBySlug.get(slug)
    return p ? l.name(p) : slug
  }
  const move = (slug: string) => {
    const m = catalogue?.moveBySlug.get(slug)
    return m ? l.name(m) : slug
  }
  if (!truth)
    return (
      <section class="truth">
        <h2>{t.title}</h2>
        <p>{t.none}</p>
      </section>
    )
  const o = truth.overall
  const yes = (ok: boolean) => (ok ? t.yes : t.no)
  const worst = truth.byMechanic[0]
  return (
    <section class="truth">
      <h2>{t.title}</h2>
      <p>{t.lead(l.number(o.pairs), truth.truth.dataset)}</p>
      {truth.truth.partial ? <p class="hint">{t.partial}</p> : null}
      <Scroll label={t.title}>
        <table class="metrics">
          <thead>
            <tr>
              <th scope="col">{t.measure}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.target}</th>
              <th scope="col">{t.met}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t.pairs}</th>
              <td>{l.number(o.pairs)}</td>
              <td>≥ {l.number(1_000_000)}</td>
              <td>{yes(o.pairs >= 1_000_000)}</td>
            </tr>
            <tr>
              <th scope="row">{t.mae}</th>
              <td>{l.number(o.mae, 4)}</td>
              <td>≤ {l.number(truth.targets.mae, 2)}</td>
              <td>{yes(truth.passed.mae)}</td>
            </tr>
            <tr>
              <th scope="row">{t.over01}</th>
              <td>{l.percent(o.shareOver01, 2)}</td>
              <td>≤ {l.percent(truth.targets.shareOver01, 0)}</td>
              <td>{yes(truth.passed.shareOver01)}</td>
            </tr>
            <tr>
              <th scope="row">{t.worstClass}</th>
              <td>{worst ? `${l.number(worst.mae, 4)} (${mechanic(worst.mechanic)})` : '—'}</td>
              <td>≤ {l.number(truth.targets.mechanicMae, 2)}</td>
              <td>{yes(truth.passed.mechanics)}</td>
            </tr>
          </tbody>
        </table>
      </Scroll>
      {truth.unseenMatchups ? (
        <p>{t.unseen(l.number(truth.unseenMatchups.pairs), l.number(truth.unseenMatchups.mae, 4))}</p>
      ) : null}
      <h3>{t.byMechanic}</h3>
      <Scroll label={t.byMechanic}>
        <table class="metrics">
          <thead>
            <tr>
              <th scope="col">{t.mechanic}</th>
              <th scope="col">{t.pairs}</th>
              <th scope="col">{t.mae}</th>
              <th scope="col">{t.over01}</th>
            </tr>
          </thead>
          <tbody>
            {truth.byMechanic.slice(0, MECHANICS_SHOWN).map((c) => (
              <tr>
                <th scope="row">{mechanic(c.mechanic)}</th>
                <td>{l.number(c.pairs)}</td>
                <td>{l.number(c.mae, 4)}</td>
                <td>{l.percent(c.shareOver01, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <h3>{t.calibration}</h3>
      <Scroll label={t.calibration}>
        <table class="metrics">
          <thead>
            <tr>
              <th scope="col">{t.bin}</th>
              <th scope="col">{t.pairs}</th>
              <th scope="col">{t.predicted}</th>
              <th scope="col">{t.exactMean}</th>
            </tr>
          </thead>
          <tbody>
            {truth.calibration
              .filter((b) => b.pairs > 0)
              .map((b) => (
                <tr>
                  <th scope="row">{`${l.number(b.from, 1)}–${l.number(b.to, 1)}`}</th>
                  <td>{l.number(b.pairs)}</td>
                  <td>{l.number(b.predicted, 3)}</td>
                  <td>{l.number(b.exact, 3)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </Scroll>
      <h3>{t.worst}</h3>
      <ul class="truth-worst">
        {truth.worst.slice(0, WORST_SHOWN).map((w) => (
          <li>
            {`${pokemon(w.a)} (${move(w.moveA)}) – ${pokemon(w.b)} (${move(w.moveB)})`} :{' '}
            {l.number(w.predicted, 3)} / {t.exact} {l.number(w.exact, 3)}
          </li>
        ))}
      </ul>
    </section>
  )
}
