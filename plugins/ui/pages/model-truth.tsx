import type { ModelTruth } from '../../../core/contracts/model-truth.ts'
import type { Locale } from '../i18n/locale.ts'
import { Scroll } from './pokedex-shared.tsx'

const MECHANICS_SHOWN = 12
const WORST_SHOWN = 10

/**
 * The served model against the exact solver (the `ml:truth` report, read through the predictor
 * service): the acceptance figures, the error by mechanic, calibration and the largest errors.
 *
 * @example
 * <TruthSection l={l} truth={await predictor.truth()} />
 */
export function TruthSection(props: { l: Locale; truth: ModelTruth | null }) {
  const { l, truth } = props
  const t = l.t.ml.truth
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
              <td>{worst ? `${l.number(worst.mae, 4)} (${worst.mechanic})` : '—'}</td>
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
                <th scope="row">{c.mechanic}</th>
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
              <th scope="col">{t.predicted}</th>
              <th scope="col">{t.pairs}</th>
              <th scope="col">{t.predicted}</th>
              <th scope="col">{t.exact}</th>
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
            <code>{`${w.a} (${w.moveA}) – ${w.b} (${w.moveB})`}</code> : {l.number(w.predicted, 3)} /{' '}
            {t.exact} {l.number(w.exact, 3)}
          </li>
        ))}
      </ul>
    </section>
  )
}
