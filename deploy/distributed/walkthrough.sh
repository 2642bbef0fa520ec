#!/usr/bin/env bash
# The intake walkthrough (services/intake/README.md) through the gateway of a running distributed
# platform, with curl, checking each answer; then the review case over Kafka, the command audit
# trail from any instance, /health and the merged OpenAPI document.
#
#   npm run start:distributed && bash deploy/distributed/walkthrough.sh
#
# Environment: GATEWAY_URL (default http://127.0.0.1:3000); AUTH_JWT_SECRET (default: the
# distributed secret file).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT_DIR"

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:$GATEWAY_PORT}"
API="$GATEWAY_URL/api/v1"
export AUTH_JWT_SECRET="${AUTH_JWT_SECRET:-$(cat "$SECRET_FILE")}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0

fail() {
  echo "[walkthrough] FAILED: $*" >&2
  exit 1
}
# call <expected status> <curl args...>: the body goes to $WORK/body, the headers to $WORK/headers.
call() {
  local expected="$1"
  shift
  local status
  status="$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@")"
  [[ "$status" == "$expected" ]] || fail "$* answered $status, not $expected: $(head -c 600 "$WORK/body")"
  passed=$((passed + 1))
}
field() { node -e 'const v = process.argv[1].split(".").reduce((o, k) => o?.[k], JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"))); process.stdout.write(typeof v === "object" ? JSON.stringify(v) : String(v))' "$1" "$WORK/body"; }
token() { npm run -s token -- "$@"; }

AGENT=$(token --role customer-service --sub agent-1)
AUDITOR=$(token --role auditor)
CUSTOMER=$(token --role customer --customer cust-1001)
ACCEPTOR=$(token --role claims-acceptor)
run="$(date +%s)-$RANDOM"

# 1. A hotline consultation; the agent's work queue
call 201 -X POST "$API/consultations" -H "authorization: Bearer $AGENT" -H 'content-type: application/json' \
  -d '{"channel":"hotline","topic":"claim-procedure","question":"I was rear-ended. What do I need?","contact":{"name":"Li Na","phone":"+86 138 0000 1001"},"customerId":"cust-1001"}'
[[ "$(field ownerId)" == agent-1 ]] || fail "the consultation is not the agent's"
call 200 "$API/work-queue?ownerId=agent-1" -H "authorization: Bearer $AGENT"

# 2. Report a claim on the demo policy MOT-2026-000001 (loaded by start:distributed), twice with one key
occurred="$(node -e 'process.stdout.write(new Date(Date.now() - 86400000).toISOString())')"
report="{\"policyNumber\":\"MOT-2026-000001\",\"insuredPersonId\":\"cust-1001\",\"accident\":{\"occurredAt\":\"$occurred\",\"place\":\"Huaihai Road, Shanghai\",\"cause\":\"collision\",\"description\":\"Rear-ended at a red light\",\"lossKind\":\"vehicle-damage\"},\"estimatedLoss\":{\"amountMinor\":1250000,\"currency\":\"CNY\"},\"claimant\":{\"name\":\"Li Na\",\"phone\":\"+86 138 0000 1001\"},\"feedbackChannel\":\"sms\",\"channel\":\"hotline\"}"
call 201 -X POST "$API/claims" -H "authorization: Bearer $AGENT" -H 'content-type: application/json' -H "Idempotency-Key: report-$run" -H "X-Request-Id: walkthrough-$run" -d "$report"
CLAIM="$(field claimId)"
grep -qi "^x-correlation-id: walkthrough-$run" "$WORK/headers" || fail "the request id did not reach the service as its correlation id"
call 201 -X POST "$API/claims" -H "authorization: Bearer $AGENT" -H 'content-type: application/json' -H "Idempotency-Key: report-$run" -d "$report"
[[ "$(field claimId)" == "$CLAIM" ]] && grep -qi '^idempotent-replayed: true' "$WORK/headers" || fail "the retried report was not replayed"

# 3. The application with its checklist and ETag
call 200 "$API/claims/$CLAIM" -H "authorization: Bearer $AGENT"
grep -qi '^etag: "0"' "$WORK/headers" || fail "no ETag"

# 4. Uploads (multipart, through the gateway's larger upload limit), the document and its file
for kind in accident-report scene-photos repair-estimate driving-licence; do
  printf '%%PDF-1.4\n%% %s %s\n%%%%EOF\n' "$kind" "$CLAIM" >"$WORK/$kind.pdf"
  call 201 -X POST "$API/claims/$CLAIM/documents" -H "authorization: Bearer $AGENT" -F "kind=$kind" -F "file=@$WORK/$kind.pdf;type=application/pdf"
done
DOCUMENT="$(field documentId)"
call 200 "$API/claims/$CLAIM/documents/$DOCUMENT" -H "authorization: Bearer $AGENT"
call 200 "$API/claims/$CLAIM/documents/$DOCUMENT/content" -H "authorization: Bearer $AGENT"
cmp -s "$WORK/body" "$WORK/driving-licence.pdf" || fail "the downloaded file is not the uploaded one"

# 5. Submit; claims review opens the case over Kafka
call 200 -X POST "$API/claims/$CLAIM/submission" -H "authorization: Bearer $AGENT"
[[ "$(field status)" == submitted ]] || fail "not submitted"
for _ in $(seq 1 120); do
  status="$(curl -s -o "$WORK/body" -w '%{http_code}' "$API/claims-review/cases/$CLAIM" -H "authorization: Bearer $ACCEPTOR")"
  [[ "$status" == 200 ]] && break
  sleep 0.5
done
[[ "$status" == 200 ]] || fail "claims review has no case for $CLAIM after 60 s"
passed=$((passed + 1))

# 6. The customer's own claims; nothing asked for yet (422)
call 200 "$API/claims" -H "authorization: Bearer $CUSTOMER"
call 422 -X POST "$API/claims/$CLAIM/supplementary-documents" -H "authorization: Bearer $CUSTOMER"

# 7. Auditors: history, the application at a revision; the audit trail from every instance
call 200 "$API/claims/$CLAIM/history" -H "authorization: Bearer $AUDITOR"
call 200 "$API/claims/$CLAIM/history/state?revision=1" -H "authorization: Bearer $AUDITOR"
for s in "${SERVICES[@]}"; do
  call 200 "http://127.0.0.1:$(service_port "$s")/api/v1/audit/commands?correlationId=walkthrough-$run" -H "authorization: Bearer $AUDITOR"
  [[ "$(field 0.path)" == /api/v1/claims ]] || fail "$s does not answer the whole command audit trail"
done

# Admin: the demo policy as start:distributed imported it
call 200 "$API/policies/MOT-2026-000001" -H "authorization: Bearer $AGENT"

# The gateway's own: health of every service, the merged document, a body too large
call 200 "$GATEWAY_URL/health"
[[ "$(field status)" == up && "$(field services.analytics.status)" == up ]] || fail "/health is not up for every service"
call 200 "$GATEWAY_URL/health/claims-review"
call 200 "$GATEWAY_URL/api/docs-json"
node -e '
  const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const ids = Object.values(d.paths).flatMap((item) => Object.values(item).map((o) => o.operationId));
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (!d.paths["/api/v1/claims"] || !d.paths["/api/v1/claims-review/cases"] || twice.length) process.exit(1);
' "$WORK/body" || fail "the merged document lacks a service's paths or repeats an operation id"
head -c 300000 /dev/zero | tr '\0' 'a' >"$WORK/big"
call 413 -X POST "$API/consultations" -H "authorization: Bearer $AGENT" -H 'content-type: application/json' --data-binary "@$WORK/big"
[[ "$(field title)" == "Request body too large" ]] || fail "413 is not a problem document"

echo "[walkthrough] $passed checks passed through $GATEWAY_URL (claim $CLAIM)"
