#!/usr/bin/env bash
# Rebuilds the "format one" fixture: a ledger written by the release at commit 1b64e18, on H2 and on
# PostgreSQL, for the test that starts the current build on a database of the previous release.
#
#   ledger-service/src/test/format-one/make-fixture.sh
#
# What it does:
#   1. checks the old release out as a git worktree ($OLD_TREE) and builds its service jar (offline first);
#   2. starts that jar on an H2 file database in $FIXTURE_TMP/h2 (database, signing key and access token all in
#      that directory), publishes two policy versions, records alice's, bob's and carol's decisions, saves alice's
#      evidence bundle, the checkpoint public key and every visitor's consent answer, and stops it (SIGTERM);
#   3. starts a throw-away PostgreSQL (deploy/local/postgres.sh) on $POSTGRES_PORT, runs the old jar against a
#      database "formatone" with the same key and token files, makes the same requests, stops it and dumps the
#      database as plain SQL (pg_dump --no-owner --no-privileges --inserts), checks that the dump restores into
#      an empty database, and stops PostgreSQL;
#   4. writes everything to $OUT (default: ledger-service/src/test/resources/format-one of this checkout).
#
# Needs: git, a JDK 17, curl, jq, python3 (for a free port), PostgreSQL 15 binaries (Debian's package; the
# postgres.sh script installs it when run as root). Never runs `mvn install`: ~/.m2 is left as it was.
#
# Environment: COMMIT (1b64e18), OLD_TREE (/tmp/old-release), FIXTURE_TMP (/tmp/fixture), POSTGRES_PORT (55433),
# OUT, KEEP_TREE=1 to keep a worktree this script created.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
COMMIT=${COMMIT:-1b64e18}
OLD_TREE=${OLD_TREE:-/tmp/old-release}
FIXTURE_TMP=${FIXTURE_TMP:-/tmp/fixture}
POSTGRES_PORT=${POSTGRES_PORT:-55433}
OUT=${OUT:-$repo/ledger-service/src/test/resources/format-one}
SITE=shop.example.org

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'make-fixture: %s\n' "$*" >&2; exit 1; }

for tool in git java curl jq python3; do command -v "$tool" >/dev/null || die "$tool is needed"; done

# ---------------------------------------------------------------- 1. the old release, built
created_tree=0
if [ -d "$OLD_TREE" ]; then
    [ "$(git -C "$OLD_TREE" rev-parse HEAD)" = "$(git -C "$repo" rev-parse "$COMMIT^{commit}")" ] \
        || die "$OLD_TREE exists and is not at $COMMIT; remove it or set OLD_TREE"
    log "reusing the worktree $OLD_TREE"
else
    git -C "$repo" worktree add -f "$OLD_TREE" "$COMMIT" >&2
    created_tree=1
fi
# The build reads ../shared (the seed policies); give the worktree one next to it.
shared_link="$(dirname "$OLD_TREE")/shared"
if [ ! -e "$shared_link" ]; then ln -sfn "$(cd "$repo/.." && pwd)/shared" "$shared_link"; fi

log "building the old service jar (offline first)"
( cd "$OLD_TREE" && { ./mvnw -B -o -q -pl ledger-service -am package -DskipTests \
    || ./mvnw -B -q -pl ledger-service -am package -DskipTests; } ) >&2
jar=$(ls "$OLD_TREE"/ledger-service/target/ledger-service-*.jar | grep -v -E 'sources|javadoc|plain' | head -n 1)
[ -f "$jar" ] || die "no service jar under $OLD_TREE/ledger-service/target"

# ---------------------------------------------------------------- the requests, the same on both databases
# Instants the requests carry (effectiveFrom, occurredAt) are fixed once, so both runs send identical bodies;
# only the ledger's own stamps (recordedAt, event ids, signatures) differ between H2 and PostgreSQL.
now=$(date -u +%s)
iso() { date -u -d "@$(( now - $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
V1_FROM=$(iso 900)       # policy version 1 takes effect 15 minutes ago
V2_FROM=$(iso 300)       # version 2, 5 minutes ago
ALICE_AT=$(iso 600); BOB_AT=$(iso 540); ALICE_WD_AT=$(iso 420); CAROL_AT=$(iso 120)

policy_v1=$(jq -n --arg from "$V1_FROM" '{
  effectiveFrom: $from, consentMaxAge: "P395D",
  categories: [
    {id: "necessary",  name: "Necessary",  description: "Needed for the shop to work", consentRequired: false},
    {id: "statistics", name: "Statistics", description: "Audience measurement",        consentRequired: true},
    {id: "marketing",  name: "Marketing",  description: "Advertising partners",        consentRequired: true}],
  cookies: [
    {name: "sessionid", provider: "shop.example.org", function: "Session", purpose: "Keep the basket from page to page", category: "necessary"},
    {name: "_pk_id",    provider: "Matomo",           function: "Audience", purpose: "Count visits",                       category: "statistics"},
    {name: "_ad_uid",   provider: "AdPartner",        function: "Advertising", purpose: "Show relevant ads",               category: "marketing"}],
  text: "Cookie policy of shop.example.org, version 1 (format one fixture)."}')
policy_v2=$(jq -n --arg from "$V2_FROM" '{
  effectiveFrom: $from, consentMaxAge: "P395D",
  categories: [
    {id: "necessary",       name: "Necessary",       description: "Needed for the shop to work", consentRequired: false},
    {id: "statistics",      name: "Statistics",      description: "Audience measurement",        consentRequired: true},
    {id: "marketing",       name: "Marketing",       description: "Advertising partners",        consentRequired: true},
    {id: "personalisation", name: "Personalisation", description: "Recommendations",             consentRequired: true}],
  cookies: [
    {name: "sessionid", provider: "shop.example.org", function: "Session", purpose: "Keep the basket from page to page", category: "necessary"},
    {name: "_pk_id",    provider: "Matomo",           function: "Audience", purpose: "Count visits",                       category: "statistics"},
    {name: "_ad_uid",   provider: "AdPartner",        function: "Advertising", purpose: "Show relevant ads",               category: "marketing"},
    {name: "reco",      provider: "shop.example.org", function: "Recommendations", purpose: "Remember what was looked at", category: "personalisation"}],
  text: "Cookie policy of shop.example.org, version 2 (format one fixture): adds personalisation."}')
alice_consent=$(jq -n --arg at "$ALICE_AT" '{consentId: "alice-consent-1", policyVersion: 1, occurredAt: $at,
  granted: ["statistics"], denied: ["marketing"], source: "banner",
  evidence: {userAgent: "Mozilla/5.0 FORMATONEMARKER", banner: "v1 FORMATONEMARKER"}}')
alice_withdrawal=$(jq -n --arg at "$ALICE_WD_AT" '{withdrawalId: "alice-withdrawal-1", occurredAt: $at,
  categories: ["statistics"]}')
bob_consent=$(jq -n --arg at "$BOB_AT" '{consentId: "bob-consent-1", policyVersion: 1, occurredAt: $at,
  granted: ["statistics", "marketing"], denied: [], source: "banner",
  evidence: {userAgent: "Mozilla/5.0 FORMATONEMARKER bob", banner: "v1 FORMATONEMARKER"}}')
carol_consent=$(jq -n --arg at "$CAROL_AT" '{consentId: "carol-consent-1", policyVersion: 2, occurredAt: $at,
  granted: ["statistics", "personalisation"], denied: ["marketing"], source: "banner",
  evidence: {userAgent: "Mozilla/5.0 FORMATONEMARKER carol", banner: "v2 FORMATONEMARKER"}}')

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

svc_pid=
stop_service() {
    if [ -n "$svc_pid" ] && kill -0 "$svc_pid" 2>/dev/null; then
        kill -TERM "$svc_pid"
        for _ in $(seq 1 120); do kill -0 "$svc_pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$svc_pid" 2>/dev/null && die "the old service (pid $svc_pid) did not stop within 120 s"
        wait "$svc_pid" 2>/dev/null || true
    fi
    svc_pid=
}
pg_started=0
cleanup() {
    stop_service || true
    if [ "$pg_started" = 1 ]; then
        POSTGRES_STATE_DIR="$FIXTURE_TMP/pg" POSTGRES_PORT="$POSTGRES_PORT" "$repo/deploy/local/postgres.sh" stop >&2 || true
    fi
    if [ "$created_tree" = 1 ] && [ "${KEEP_TREE:-0}" != 1 ]; then
        git -C "$repo" worktree remove --force "$OLD_TREE" >&2 || true
    fi
}
trap cleanup EXIT

# start_service NAME WORKDIR KEYDIR PORT ARGS...: the old jar, its working directory WORKDIR (nothing should land
# there), the signing key and access token in KEYDIR.
start_service() {
    local name=$1 workdir=$2 keydir=$3 port=$4; shift 4
    mkdir -p "$workdir" "$keydir" "$FIXTURE_TMP/logs"
    ( cd "$workdir" && exec java -jar "$jar" \
        --server.port="$port" \
        --ledger.evidence.signing-key-file="$keydir/checkpoint-ed25519.pem" \
        --ledger.access.token-file="$keydir/access-token" \
        "$@" ) >"$FIXTURE_TMP/logs/$name.log" 2>&1 &
    svc_pid=$!
    BASE="http://127.0.0.1:$port"
    log "$name: old service pid $svc_pid on $BASE (log $FIXTURE_TMP/logs/$name.log)"
    for _ in $(seq 1 180); do
        kill -0 "$svc_pid" 2>/dev/null || { tail -n 50 "$FIXTURE_TMP/logs/$name.log" >&2; die "$name: the old service exited"; }
        if [ "$(curl -s "$BASE/actuator/health/readiness" | jq -r .status 2>/dev/null)" = UP ]; then break; fi
        sleep 1
    done
    [ "$(curl -s "$BASE/actuator/health/readiness" | jq -r .status)" = UP ] || die "$name: not ready after 180 s"
    [ -s "$keydir/access-token" ] || die "$name: no access token in $keydir"
    AUTH="Authorization: Bearer $(tr -d '\n' <"$keydir/access-token")"
}

# call EXPECTED_STATUSES METHOD PATH [BODY]: prints the answer body; fails on any other status.
call() {
    local want=$1 method=$2 path=$3 body=${4:-} out status
    out=$(mktemp)
    if [ -n "$body" ]; then
        status=$(curl -s -o "$out" -w '%{http_code}' -X "$method" -H "$AUTH" -H 'Content-Type: application/json' \
            --data-binary "$body" "$BASE$path")
    else
        status=$(curl -s -o "$out" -w '%{http_code}' -X "$method" -H "$AUTH" "$BASE$path")
    fi
    if ! grep -qw "$status" <<<"$want"; then cat "$out" >&2; rm -f "$out"; die "$method $path answered $status (wanted $want)"; fi
    cat "$out"; rm -f "$out"
}

# get_retry PATH FILE: GET until 200 (evidence and answers may be 503 for a moment while the log catches up).
get_retry() {
    local path=$1 file=$2 status
    for _ in $(seq 1 60); do
        status=$(curl -s -o "$file" -w '%{http_code}' -H "$AUTH" "$BASE$path")
        [ "$status" = 200 ] && return 0
        sleep 1
    done
    cat "$file" >&2; die "GET $path still answers $status"
}

# scenario NAME RESULTDIR: the requests, and what they answered, into RESULTDIR.
scenario() {
    local name=$1 dir=$2 s="/api/v1/sites/$SITE"
    mkdir -p "$dir"
    log "$name: publishing policy versions 1 and 2 of $SITE"
    call 201 PUT "$s/policies/1" "$policy_v1" >"$dir/policy-1.json"
    call 201 PUT "$s/policies/2" "$policy_v2" >"$dir/policy-2.json"
    log "$name: recording alice's, bob's and carol's decisions"
    call 201 POST "$s/visitors/alice-format-one/consents" "$alice_consent" >"$dir/alice-consent-1.json"
    call 201 POST "$s/visitors/bob-format-one/consents" "$bob_consent" >"$dir/bob-consent-1.json"
    call 201 POST "$s/visitors/alice-format-one/withdrawals" "$alice_withdrawal" >"$dir/alice-withdrawal-1.json"
    call 201 POST "$s/visitors/carol-format-one/consents" "$carol_consent" >"$dir/carol-consent-1.json"
    for v in alice bob carol; do
        get_retry "$s/visitors/$v-format-one/consent" "$dir/$v-answer.json"
        get_retry "$s/visitors/$v-format-one/events" "$dir/$v-events.json"
    done
    log "$name: alice's evidence bundle and the checkpoint key"
    get_retry "$s/visitors/alice-format-one/evidence" "$dir/alice-bundle.json"
    curl -sf "$BASE/.well-known/consent-ledger/checkpoint-key.pem" -o "$dir/public-key.pem"
    call 200 GET "$s/policies" >"$dir/policies.json"
    call 200 GET /api/v1/admin/projections >"$dir/projections.json"
}

rm -rf "$FIXTURE_TMP"
mkdir -p "$FIXTURE_TMP"

# ---------------------------------------------------------------- 2. H2
h2url="jdbc:h2:file:$FIXTURE_TMP/h2/ledger;DB_CLOSE_ON_EXIT=FALSE"
start_service h2 "$FIXTURE_TMP/run-h2" "$FIXTURE_TMP/h2/keys" "$(free_port)" --spring.datasource.url="$h2url"
scenario h2 "$FIXTURE_TMP/answers-h2"
stop_service
[ -z "$(ls -A "$FIXTURE_TMP/run-h2")" ] || die "the old service wrote into its working directory: $(ls -A "$FIXTURE_TMP/run-h2")"
rm -f "$FIXTURE_TMP"/h2/*.trace.db

# ---------------------------------------------------------------- 3. PostgreSQL, with the same keys
mkdir -p "$FIXTURE_TMP/pg-keys"
cp -p "$FIXTURE_TMP/h2/keys/checkpoint-ed25519.pem" "$FIXTURE_TMP/h2/keys/access-token" "$FIXTURE_TMP/pg-keys/"
POSTGRES_STATE_DIR="$FIXTURE_TMP/pg" POSTGRES_PORT="$POSTGRES_PORT" "$repo/deploy/local/postgres.sh" start >&2
pg_started=1
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql_() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres "$@"; }
psql_ -d postgres -c 'DROP DATABASE IF EXISTS formatone' -c 'CREATE DATABASE formatone'
start_service postgres "$FIXTURE_TMP/run-pg" "$FIXTURE_TMP/pg-keys" "$(free_port)" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/formatone?user=postgres" \
    --spring.datasource.username=postgres --spring.datasource.password=
scenario postgres "$FIXTURE_TMP/answers-pg"
stop_service
[ -z "$(ls -A "$FIXTURE_TMP/run-pg")" ] || die "the old service wrote into its working directory: $(ls -A "$FIXTURE_TMP/run-pg")"
cmp -s "$FIXTURE_TMP/h2/keys/checkpoint-ed25519.pem" "$FIXTURE_TMP/pg-keys/checkpoint-ed25519.pem" \
    || die "the PostgreSQL run changed the signing key"
cmp -s "$FIXTURE_TMP/answers-h2/public-key.pem" "$FIXTURE_TMP/answers-pg/public-key.pem" \
    || die "the two runs served different checkpoint keys"

log "dumping formatone"
# pg_dump 15.14 and later bracket the script in \restrict / \unrestrict (psql meta-commands, CVE-2025-8714); they
# guard psql against a malicious server, which this dump of our own database does not need, and a JDBC replay
# cannot run them, so they are left out.
"$pgbin/pg_dump" --no-owner --no-privileges --inserts -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres formatone \
    | grep -v -E '^\\(restrict|unrestrict) ' >"$FIXTURE_TMP/postgres.sql"
log "checking that the dump restores into an empty database"
psql_ -d postgres -c 'DROP DATABASE IF EXISTS formatone_restore' -c 'CREATE DATABASE formatone_restore'
psql_ -d formatone_restore -f "$FIXTURE_TMP/postgres.sql" >/dev/null
for t in domain_event_entry flyway_schema_history; do
    a=$(psql_ -d formatone -tA -c "SELECT count(*) FROM $t"); b=$(psql_ -d formatone_restore -tA -c "SELECT count(*) FROM $t")
    [ "$a" = "$b" ] || die "$t: $a rows in formatone, $b after the restore"
done
POSTGRES_STATE_DIR="$FIXTURE_TMP/pg" POSTGRES_PORT="$POSTGRES_PORT" "$repo/deploy/local/postgres.sh" stop >&2
pg_started=0

# ---------------------------------------------------------------- 4. the fixture
log "writing $OUT"
rm -rf "$OUT/h2"
mkdir -p "$OUT/h2/keys"
cp "$FIXTURE_TMP"/h2/*.db "$OUT/h2/"
cp "$FIXTURE_TMP/h2/keys/checkpoint-ed25519.pem" "$FIXTURE_TMP/h2/keys/access-token" "$OUT/h2/keys/"
cp "$FIXTURE_TMP/answers-h2/alice-bundle.json" "$OUT/alice-bundle.json"
cp "$FIXTURE_TMP/answers-h2/public-key.pem" "$OUT/public-key.pem"
cp "$FIXTURE_TMP/postgres.sql" "$OUT/postgres.sql"

# expected.json: per database, every request's id, the receipt the old release gave (event id, recordedAt) and
# the consent answer each visitor got while it ran.
run_json() {
    local d=$1
    jq -n \
      --slurpfile p1 "$d/policy-1.json" --slurpfile p2 "$d/policy-2.json" \
      --slurpfile ac "$d/alice-consent-1.json" --slurpfile aw "$d/alice-withdrawal-1.json" \
      --slurpfile bc "$d/bob-consent-1.json" --slurpfile cc "$d/carol-consent-1.json" \
      --slurpfile aa "$d/alice-answer.json" --slurpfile ba "$d/bob-answer.json" --slurpfile ca "$d/carol-answer.json" \
      --slurpfile ae "$d/alice-events.json" --slurpfile be "$d/bob-events.json" --slurpfile ce "$d/carol-events.json" \
      --slurpfile bundle "$d/alice-bundle.json" '{
        policies: {"1": $p1[0], "2": $p2[0]},
        visitors: {
          "alice-format-one": {consents: {"alice-consent-1": $ac[0]}, withdrawals: {"alice-withdrawal-1": $aw[0]},
                               events: $ae[0].events, consent: $aa[0]},
          "bob-format-one":   {consents: {"bob-consent-1": $bc[0]}, withdrawals: {}, events: $be[0].events, consent: $ba[0]},
          "carol-format-one": {consents: {"carol-consent-1": $cc[0]}, withdrawals: {}, events: $ce[0].events, consent: $ca[0]}},
        aliceBundle: {version: $bundle[0].version, at: $bundle[0].answer.at, asOf: $bundle[0].answer.asOf}}'
}
jq -n --arg commit "$(git -C "$repo" rev-parse "$COMMIT^{commit}")" --arg site "$SITE" \
      --argjson requests "$(jq -n --argjson p1 "$policy_v1" --argjson p2 "$policy_v2" --argjson ac "$alice_consent" \
            --argjson aw "$alice_withdrawal" --argjson bc "$bob_consent" --argjson cc "$carol_consent" \
            '{"PUT policies/1": $p1, "PUT policies/2": $p2, "POST alice-format-one/consents": $ac,
              "POST bob-format-one/consents": $bc, "POST alice-format-one/withdrawals": $aw,
              "POST carol-format-one/consents": $cc}')" \
      --argjson h2 "$(run_json "$FIXTURE_TMP/answers-h2")" --argjson pg "$(run_json "$FIXTURE_TMP/answers-pg")" '{
        release: $commit, siteId: $site,
        h2: ({database: "h2/ledger.mv.db", jdbcUrl: "jdbc:h2:file:<copy of h2>/ledger", username: "ledger", password: "",
              signingKeyFile: "h2/keys/checkpoint-ed25519.pem", accessTokenFile: "h2/keys/access-token",
              bundleFile: "alice-bundle.json"} + $h2),
        postgres: ({dump: "postgres.sql", signingKeyFile: "h2/keys/checkpoint-ed25519.pem",
                    accessTokenFile: "h2/keys/access-token"} + $pg),
        requests: $requests}' >"$OUT/expected.json"

log "done:"
( cd "$OUT" && find . -type f -printf '%8s  %p\n' | sort -k2 ) >&2
