#!/bin/sh
# Starts Alertmanager with the webhook URL from the environment (ALERT_WEBHOOK_URL, set in .env).
#
# Why a script: Alertmanager 0.25 does not expand environment variables in its configuration
# (and has no url_file for webhooks), so this writes the URL into a copy of the mounted config
# and starts Alertmanager on the copy. POSIX sh: the image's busybox and CI's dash both run it.
#
#   entrypoint.sh [alertmanager flags…]   render, then exec Alertmanager with those flags
#   entrypoint.sh --render-only           render and stop (CI checks the result with amtool)
#
# ALERTMANAGER_TEMPLATE (default /etc/alertmanager/alertmanager.yml), ALERTMANAGER_CONFIG (the
# copy; default /alertmanager/alertmanager.rendered.yml) and ALERTMANAGER_BIN (default
# /bin/alertmanager) let CI run the same script against Debian's prometheus-alertmanager.
set -eu

template=${ALERTMANAGER_TEMPLATE:-/etc/alertmanager/alertmanager.yml}
rendered=${ALERTMANAGER_CONFIG:-/alertmanager/alertmanager.rendered.yml}
url=${ALERT_WEBHOOK_URL:-}
newline='
'

fail() {
  echo "alertmanager entrypoint: $1" >&2
  exit 2
}

case $url in
  http://?*|https://?*) ;;
  '') fail 'ALERT_WEBHOOK_URL is not set: put the URL that should receive alerts in .env' ;;
  *) fail 'ALERT_WEBHOOK_URL must start with http:// or https://' ;;
esac
case $url in
  *"'"*|*' '*|*'\'*|*"$newline"*) fail 'ALERT_WEBHOOK_URL must not contain quotes, spaces, backslashes or newlines' ;;
esac

# The URL goes into a sed replacement delimited by |: escape | and & (backslash is refused above).
escaped=$(printf '%s' "$url" | sed 's/[|&]/\\&/g')
sed "s|__ALERT_WEBHOOK_URL__|${escaped}|g" "$template" >"$rendered.tmp"
mv "$rendered.tmp" "$rendered"

if [ "${1:-}" = --render-only ]; then
  exit 0
fi
exec "${ALERTMANAGER_BIN:-/bin/alertmanager}" --config.file="$rendered" "$@"
