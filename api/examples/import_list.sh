#!/usr/bin/env bash
# Import a new OFAC SDN release (the four legacy CSV files, as downloaded from
# https://www.treasury.gov/ofac/downloads/) and switch screening to it. Operator key only.
#
#   SCREENING_ADMIN_KEY=... api/examples/import_list.sh path/to/dir-with-sdn-csv-files [YYYY-MM-DD]
#
# A file that does not parse is refused with 422 (the message names it) and the version in use
# keeps serving. OFAC's CSV files carry no date: pass the publication date as the second argument.
set -euo pipefail

BASE_URL="${BASE_URL:-http://127.0.0.1:8000}"
ADMIN_KEY="${SCREENING_ADMIN_KEY:?set SCREENING_ADMIN_KEY}"
dir="${1:?directory holding sdn.csv, alt.csv, add.csv and sdn_comments.csv}"
published=(); [[ -n "${2:-}" ]] && published=(-F "published=$2")

curl -sS -X POST "$BASE_URL/v1/admin/lists/us-ofac-sdn" \
  -H "X-API-Key: $ADMIN_KEY" \
  -F "files=@$dir/sdn.csv" -F "files=@$dir/alt.csv" \
  -F "files=@$dir/add.csv" -F "files=@$dir/sdn_comments.csv" \
  "${published[@]}" \
  -w '\nHTTP %{http_code}\n'
