#!/usr/bin/env bash
# Check a list against its publisher (or the server's mirror) now, and serve a new version if
# there is one. Operator key only.
#
#   SCREENING_ADMIN_KEY=... api/examples/update_list.sh us-ofac-sdn [force]
#
# 200: `result` is `updated` (a new version serves) or `unchanged`. 502 `list_update_failed`: the
# files could not be had or were refused (the message says why) and the version in use keeps
# serving. `force` accepts a new version with more than 10% fewer entries than the serving one.
set -euo pipefail

BASE_URL="${BASE_URL:-http://127.0.0.1:8000}"
ADMIN_KEY="${SCREENING_ADMIN_KEY:?set SCREENING_ADMIN_KEY}"
list="${1:?list id, e.g. us-ofac-sdn}"
force=""; [[ "${2:-}" == "force" ]] && force="?force=true"

curl -sS -X POST "$BASE_URL/v1/admin/lists/$list/update$force" \
  -H "X-API-Key: $ADMIN_KEY" \
  -w '\nHTTP %{http_code}\n'
