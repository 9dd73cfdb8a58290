#!/usr/bin/env bash
# The ledger's contract, checked as clients we did not write use it, against the packaged service on an embedded
# database and a real Kafka broker: Spectral on its live OpenAPI document, generated requests to every operation,
# an evidence bundle checked by the independent Node.js verifier, and every Kafka message read with kafkajs and the
# CloudEvents SDK and validated against its JSON Schema with Ajv in strict mode.
#
#   ./mvnw -pl ledger-service -am package -DskipTests && KAFKA_BOOTSTRAP=127.0.0.1:9092 contract/run.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${KAFKA_BOOTSTRAP:?set KAFKA_BOOTSTRAP to a Kafka broker, such as 127.0.0.1:9092 (deploy/local/kafka.sh start)}"
port=${CONTRACT_PORT:-58181}
base=http://127.0.0.1:$port
jar=$(ls ../ledger-service/target/ledger-service-*.jar | grep -v -- '-plain' | head -1)
state=$(mktemp -d /tmp/ledger-contract.XXXXXX)
topics=contract-$(date +%s)

npm ci --no-audit --no-fund --loglevel=error

java -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --spring.datasource.url="jdbc:h2:file:$state/ledger" \
    --ledger.evidence.signing-key-file="$state/keys/checkpoint.pem" \
    --ledger.access.token-file="$state/keys/access-token" \
    --ledger.kafka.bootstrap-servers="$KAFKA_BOOTSTRAP" --ledger.kafka.topic="$topics-events" \
    --ledger.kafka.state-topic="$topics-state" --ledger.kafka.checkpoint-topic="$topics-checkpoints" \
    > "$state/ledger.log" 2>&1 &
ledger=$!
trap 'kill $ledger 2>/dev/null; wait $ledger 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 120); do
    curl -fs "$base/actuator/health/readiness" >/dev/null && break
    kill -0 $ledger 2>/dev/null || { tail -50 "$state/ledger.log"; exit 1; }
    sleep 1
done
curl -fs "$base/actuator/health/readiness" >/dev/null || { tail -50 "$state/ledger.log"; exit 1; }
token=$(cat "$state/keys/access-token")

echo "== Spectral (spectral:oas) on the live OpenAPI document"
curl -fsS "$base/v3/api-docs" -o "$state/openapi.json"
npx spectral lint --fail-severity=warn --ruleset .spectral.yaml "$state/openapi.json"

echo "== Generated requests to every operation"
node fuzz-api.mjs --base "$base" --token-file "$state/keys/access-token" --cases "${CONTRACT_CASES:-60}"

echo "== An evidence bundle of the live ledger, checked by the independent verifier"
site=$base/api/v1/sites/smartbump.opendatasoft.com/visitors/contract-visitor
now=$(date -u +%FT%TZ)
curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$site/consents" -d \
    '{"consentId": "contract-1", "policyVersion": 1, "occurredAt": "'"$now"'", "granted": ["statistics"], "denied": []}' >/dev/null
curl -fsS -H "Authorization: Bearer $token" "$site/evidence" -o "$state/bundle.json" --retry 5 --retry-all-errors
curl -fsS "$base/.well-known/consent-ledger/checkpoint-key.pem" -o "$state/key.pem"
node ../docs/evidence-format/verify-bundle.mjs "$state/bundle.json" "$state/key.pem"

echo "== The Kafka topics, read by kafkajs and the CloudEvents SDK, validated by Ajv (strict)"
node read-topics.mjs --brokers "$KAFKA_BOOTSTRAP" --base "$base" \
    --events "$topics-events" --state "$topics-state" --checkpoints "$topics-checkpoints"
