#!/usr/bin/env bash
# Checks the monitoring configuration with the real Prometheus and Alertmanager tools (Debian's
# prometheus and prometheus-alertmanager packages; .ci/run installs them):
#   promtool check config / check rules, promtool test rules (every alert made to fire and not to
#   fire), the Alertmanager config rendered by its entrypoint, amtool check-config, and
#   amtool config routes test (each severity reaches its receiver).
# Usage: bash ops/monitoring/check-configs.sh   (from anywhere; exits non-zero on any failure)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

for tool in promtool amtool; do
  command -v "$tool" >/dev/null || {
    echo "error: $tool not found: apt-get install -y prometheus prometheus-alertmanager" >&2
    exit 2
  }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pdex-monitoring-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo '--- promtool check config'
promtool check config ops/prometheus/prometheus.yml
echo '--- promtool check rules'
promtool check rules ops/prometheus/rules/*.yml
echo '--- promtool test rules'
promtool test rules ops/prometheus/tests/*.test.yml

echo '--- alertmanager: render with a sample webhook URL, amtool check-config'
ALERT_WEBHOOK_URL='https://alerts.example.invalid/hook?token=sample' \
  ALERTMANAGER_TEMPLATE=ops/alertmanager/alertmanager.yml \
  ALERTMANAGER_CONFIG="$work/alertmanager.yml" \
  sh ops/alertmanager/entrypoint.sh --render-only
amtool check-config "$work/alertmanager.yml"

echo '--- amtool config routes test: severity → receiver'
route_ok() {
  local receiver=$1
  shift
  amtool config routes test --config.file="$work/alertmanager.yml" --verify.receivers="$receiver" "$@" \
    2>/dev/null
}
route_ok webhook-critical severity=critical alertname=PredictionDexTargetDown role=api
route_ok webhook-warning severity=warning alertname=FeatureDriftHigh role=api
route_ok webhook-info severity=info alertname=ModelChanged role=api
route_ok webhook-warning alertname=SomethingWithoutSeverity

echo '--- entrypoint refuses a missing or unsafe ALERT_WEBHOOK_URL'
for bad in '' 'ftp://x' "https://x/'quoted"; do
  if ALERT_WEBHOOK_URL="$bad" ALERTMANAGER_TEMPLATE=ops/alertmanager/alertmanager.yml \
    ALERTMANAGER_CONFIG="$work/bad.yml" sh ops/alertmanager/entrypoint.sh --render-only 2>/dev/null; then
    echo "error: entrypoint accepted ALERT_WEBHOOK_URL='$bad'" >&2
    exit 1
  fi
done
echo 'monitoring configuration: all checks passed'
