#!/usr/bin/env bash
# A five-minute tour of the screening REST API with curl: make a tenant and an analyst key,
# screen two suppliers, read the stored screening back, look at a listed entry.
#
#   SCREENING_ADMIN_KEY=... make run            # in one terminal (the operator's key)
#   SCREENING_ADMIN_KEY=... api/examples/tour.sh  # in another
#
# Only curl and python3 (to pick fields out of the JSON) are needed.
set -euo pipefail

BASE_URL="${BASE_URL:-http://127.0.0.1:8000}"
ADMIN_KEY="${SCREENING_ADMIN_KEY:?set SCREENING_ADMIN_KEY to the key the server was started with}"

field() {  # field NAME: print one top-level field of the JSON on stdin
  python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

echo "== is the server ready? (the first start imports the bundled lists: about a minute)"
until curl -fsS "$BASE_URL/healthz" >/dev/null 2>&1; do
  curl -sS "$BASE_URL/readyz" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("  ", r["stage"], r["detail"])' || true
  sleep 3
done
curl -sS "$BASE_URL/healthz"; echo

echo "== the operator creates a tenant; the answer holds the tenant's first admin key"
tenant=$(curl -sS -X POST "$BASE_URL/v1/admin/tenants" \
  -H "X-API-Key: $ADMIN_KEY" -H "Content-Type: application/json" \
  -d "{\"name\": \"acme-$(date +%s)\"}")
tenant_id=$(echo "$tenant" | field tenant_id)
tenant_admin_key=$(echo "$tenant" | field api_key)
echo "tenant $tenant_id"

echo "== the tenant's admin makes an analyst key for the ERP"
analyst_key=$(curl -sS -X POST "$BASE_URL/v1/admin/keys" \
  -H "X-API-Key: $tenant_admin_key" -H "Content-Type: application/json" \
  -d "{\"tenant_id\": \"$tenant_id\", \"role\": \"analyst\"}" | field api_key)

echo "== screen two suppliers (Authorization: Bearer works as well as X-API-Key)"
screening=$(curl -sS -X POST "$BASE_URL/v1/screen" \
  -H "Authorization: Bearer $analyst_key" -H "Content-Type: application/json" \
  -d '{"suppliers": [
        {"ref": "V-001", "name": "Mansudae Overseas Project Group of Companies", "country": "RU",
         "sector": "construction"},
        {"ref": "V-002", "name": "Blue Meadow Stationery GmbH", "country": "DE"}
      ]}')
echo "$screening" | python3 -c '
import json, sys
body = json.load(sys.stdin)
for r in body["results"]:
    print("%-6s %-8s %5s  %s" % (r["ref"], r["risk_level"], r["risk_score"], r["name"]))
    for m in r["matches"][:3]:
        print("       %5s  %s %s: %s" % (m["score"], m["list"], m["source_id"], m["entry_name"]))
print("lists:", ", ".join(v["list"] + " " + v["version"] for v in body["lists"]))'
screening_id=$(echo "$screening" | field screening_id)

echo "== read the stored screening back (any role of the same tenant)"
curl -sS "$BASE_URL/v1/screenings/$screening_id" -H "X-API-Key: $analyst_key" \
  | python3 -c 'import json,sys; b=json.load(sys.stdin); print(b["screening_id"], b["screened_at"], len(b["results"]), "results")'

echo "== the UN entry behind a match, whole"
curl -sS "$BASE_URL/v1/lists/un-sc/entries/KPe.050" -H "X-API-Key: $analyst_key" \
  | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["source_id"], e["name"]); print(e["remarks"][:200])'

echo "== the same supplier on the UN list only, as a yente / OpenSanctions API client asks"
curl -sS -X POST "$BASE_URL/match/un-sc" \
  -H "Authorization: ApiKey $analyst_key" -H "Content-Type: application/json" \
  -d '{"queries": {"q1": {"schema": "Company",
        "properties": {"name": ["Mansudae Overseas Project Group of Companies"],
                       "country": ["ru"]}}}}' \
  | python3 -c '
import json, sys
body = json.load(sys.stdin)
for r in body["responses"]["q1"]["results"]:
    print("%.2f %s %s %s" % (r["score"], r["match"], r["id"], r["caption"]))'
