import { board, heat, lines, roleVariable, stats, tableOf } from './panels.ts'

const ROLE = 'role=~"$role"'

/** What the model is asked and answers: volume by outcome and version, probabilities, latency. */
export function predictionsDashboard() {
  return board(
    'predictiondex-predictions',
    'PredictionDex · Predictions',
    'How each move pair is answered (exact solver, engine sample or model) and why not exactly, solve times, the served model checked live against exact answers, scored pairs by outcome and model version, predicted win probabilities, model latency, the model served.',
  )
    .withVariable(roleVariable())
    .withPanel(
      stats(
        'Model loaded',
        [{ expr: `predictiondex_model_loaded{job="predictiondex", ${ROLE}}`, legend: '{{role}}' }],
        {
          description: '0 = predictions answer 503 (NoModelLoaded after 5 minutes).',
        },
      ),
    )
    .withPanel(
      tableOf('Model served', [{ expr: `predictiondex_model_info{job="predictiondex", ${ROLE}}` }], {
        width: 18,
        height: 5,
        description:
          'Version (registry) or "shipped", folder and sha256 of the ONNX file; ModelChanged tells when it changes.',
      }),
    )
    .withPanel(
      lines(
        'Pairs answered, by method',
        [
          {
            expr: `sum by (method, cached) (rate(predictiondex_advice_pairs_total{job="predictiondex", ${ROLE}}[$__rate_interval]))`,
            legend: '{{method}} · cached {{cached}}',
          },
        ],
        {
          unit: 'ops',
          description:
            'exact = the solver; sampled = engine battles (a mechanic the solver does not model); model = the time budget ran out or the client asked for it.',
        },
      ),
    )
    .withPanel(
      lines(
        'Not answered exactly, by reason',
        [
          {
            expr: `sum by (reason) (rate(predictiondex_advice_fallbacks_total{job="predictiondex", ${ROLE}}[$__rate_interval]))`,
            legend: '{{reason}}',
          },
        ],
        {
          unit: 'ops',
          description:
            'budget or too_slow growing = the solver workers are saturated (predictiondex_solver_backlog).',
        },
      ),
    )
    .withPanel(
      lines(
        'Exact solve time (cold pairs)',
        [
          {
            expr: `histogram_quantile(0.5, sum by (le) (rate(predictiondex_solver_duration_seconds_bucket{job="predictiondex", ${ROLE}}[$__rate_interval])))`,
            legend: 'p50',
          },
          {
            expr: `histogram_quantile(0.99, sum by (le) (rate(predictiondex_solver_duration_seconds_bucket{job="predictiondex", ${ROLE}}[$__rate_interval])))`,
            legend: 'p99',
          },
        ],
        { unit: 's' },
      ),
    )
    .withPanel(
      lines(
        'Served model against exact answers: |P_model − P_exact|',
        [
          {
            expr: `histogram_quantile(0.5, sum by (le) (rate(predictiondex_model_exact_abs_error_bucket{job="predictiondex", ${ROLE}}[$__rate_interval])))`,
            legend: 'median',
          },
          {
            expr: `histogram_quantile(0.9, sum by (le) (rate(predictiondex_model_exact_abs_error_bucket{job="predictiondex", ${ROLE}}[$__rate_interval])))`,
            legend: 'p90',
          },
        ],
        { description: 'The model scored beside every exact answer: its live error on real traffic.' },
      ),
    )
    .withPanel(
      lines(
        'Scored pairs per second',
        [
          {
            // without(): any label added later (the prediction method) is kept, not summed away.
            expr: `sum without (job, role) (job:predictiondex_predictions:rate5m{${ROLE}})`,
            legend: '{{outcome}} · model {{model_version}}',
          },
        ],
        { unit: 'ops', description: 'One best-move request scores about 16 pairs.' },
      ),
    )
    .withPanel(
      lines(
        'Share of pairs predicted as A wins',
        [
          {
            expr: `sum(job:predictiondex_predictions:rate5m{${ROLE}, outcome="a_wins"}) / sum(job:predictiondex_predictions:rate5m{${ROLE}})`,
            legend: 'A wins',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      heat(
        'Predicted win probability (distribution)',
        {
          expr: `sum by (le) (job:predictiondex_predicted_win_probability_bucket:rate5m{${ROLE}})`,
          legend: '{{le}}',
        },
        {
          width: 24,
          height: 9,
          description: 'How sure the model is: mass near 0 and 1 = confident predictions.',
        },
      ),
    )
    .withPanel(
      lines(
        'Model latency per batch',
        [
          { expr: `job:predictiondex_prediction_duration_seconds:p99_5m{${ROLE}}`, legend: 'p99 {{role}}' },
          {
            expr: `histogram_quantile(0.5, sum by (le) (rate(predictiondex_prediction_duration_seconds_bucket{job="predictiondex", ${ROLE}}[$__rate_interval])))`,
            legend: 'p50',
          },
        ],
        { unit: 's', width: 24 },
      ),
    )
}
