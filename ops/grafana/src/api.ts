import { board, lines, roleVariable, stats } from './panels.ts'

const ROLE = 'role=~"$role"'

/** RED per route template, the two SLOs and their burn rates, security refusals, processes. */
export function apiDashboard() {
  return board(
    'predictiondex-api',
    'PredictionDex · API and web app',
    'Rate, errors and duration per route template (recording rules route:*), the availability and prediction-latency SLOs, refused requests.',
  )
    .withVariable(roleVariable())
    .withPanel(
      stats('Targets up', [{ expr: `up{job="predictiondex", ${ROLE}}`, legend: '{{role}}' }], {
        description: '1 = Prometheus scrapes the role; 0 fires PredictionDexTargetDown after 2 minutes.',
      }),
    )
    .withPanel(
      stats(
        'Error budget burn (1 h)',
        [{ expr: `role:slo_http_errors_per_request:ratio_rate1h{${ROLE}} / 0.001`, legend: '{{role}}' }],
        {
          description:
            'Error ratio over the last hour divided by the 0.1 % budget: 14.4 pages (with the 5 m window).',
        },
      ),
    )
    .withPanel(
      stats(
        'Slow predictions burn (1 h)',
        [{ expr: `role:slo_prediction_slow_per_request:ratio_rate1h{${ROLE}} / 0.01`, legend: '{{role}}' }],
        { description: 'Share of /api/v1/predict/* requests over 250 ms divided by the 1 % budget.' },
      ),
    )
    .withPanel(
      stats(
        'Availability (1 day)',
        [{ expr: `1 - role:slo_http_errors_per_request:ratio_rate1d{${ROLE}}`, legend: '{{role}}' }],
        {
          unit: 'percentunit',
          description: 'Objective: 99.9 % of requests not answered 5xx (probes excluded).',
        },
      ),
    )
    .withPanel(
      lines(
        'Requests per second by route',
        [{ expr: `sum by (route) (route:http_requests:rate5m{${ROLE}})`, legend: '{{route}}' }],
        { unit: 'reqps' },
      ),
    )
    .withPanel(
      lines(
        '5xx ratio by route',
        [{ expr: `max by (route) (route:http_request_errors:ratio_rate5m{${ROLE}})`, legend: '{{route}}' }],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      lines(
        'Latency p50 / p95 / p99 by route',
        [
          {
            expr: `max by (route) (route:http_request_duration_seconds:p50_5m{${ROLE}})`,
            legend: 'p50 {{route}}',
          },
          {
            expr: `max by (route) (route:http_request_duration_seconds:p95_5m{${ROLE}})`,
            legend: 'p95 {{route}}',
          },
          {
            expr: `max by (route) (route:http_request_duration_seconds:p99_5m{${ROLE}})`,
            legend: 'p99 {{route}}',
          },
        ],
        { unit: 's', width: 24, height: 10 },
      ),
    )
    .withPanel(
      lines(
        'Responses by status',
        [{ expr: `sum by (status) (route:http_requests:rate5m{${ROLE}})`, legend: '{{status}}' }],
        { unit: 'reqps' },
      ),
    )
    .withPanel(
      lines(
        'SLO error ratios by window',
        [
          { expr: `role:slo_http_errors_per_request:ratio_rate5m{${ROLE}}`, legend: '5xx 5m {{role}}' },
          { expr: `role:slo_http_errors_per_request:ratio_rate1h{${ROLE}}`, legend: '5xx 1h {{role}}' },
          { expr: `role:slo_http_errors_per_request:ratio_rate6h{${ROLE}}`, legend: '5xx 6h {{role}}' },
          {
            expr: `role:slo_prediction_slow_per_request:ratio_rate1h{${ROLE}}`,
            legend: 'slow predictions 1h {{role}}',
          },
        ],
        { unit: 'percentunit' },
      ),
    )
    .withPanel(
      lines(
        'Rejected API keys by reason',
        [
          {
            expr: `sum by (reason) (rate(predictiondex_api_auth_failures_total{job="predictiondex", ${ROLE}}[$__rate_interval]))`,
            legend: '{{reason}}',
          },
        ],
        { unit: 'reqps', description: 'AuthFailureSurge fires above 1/s for 10 minutes.' },
      ),
    )
    .withPanel(
      lines(
        'Rate-limited requests (429) by scope',
        [
          {
            expr: `sum by (scope) (rate(predictiondex_rate_limited_total{job="predictiondex", ${ROLE}}[$__rate_interval]))`,
            legend: '{{scope}}',
          },
        ],
        { unit: 'reqps', description: 'RateLimitSurge fires above 2/s for 10 minutes.' },
      ),
    )
    .withPanel(
      lines(
        'Resident memory',
        [{ expr: `process_resident_memory_bytes{job="predictiondex", ${ROLE}}`, legend: '{{role}}' }],
        { unit: 'bytes' },
      ),
    )
    .withPanel(
      lines(
        'CPU',
        [
          {
            expr: `rate(process_cpu_seconds_total{job="predictiondex", ${ROLE}}[$__rate_interval])`,
            legend: '{{role}}',
          },
        ],
        { unit: 'percentunit', description: '1 = one core busy.' },
      ),
    )
}
