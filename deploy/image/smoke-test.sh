#!/usr/bin/env bash
# Runs the ledger's container image the way a container engine would, without one: the image tarball's layers are
# unpacked into a root file system and its own entrypoint, environment, working directory and user are started there
# (a private mount and PID namespace, a chroot), in a memory-limited cgroup where the machine allows it. Passes when
# /actuator/health/readiness turns UP, a consent can be recorded and read back, the process runs as the image's
# non-root user, and it stops gracefully on SIGTERM.
#
#   deploy/image/smoke-test.sh [IMAGE_TAR] [NAME=VALUE ...]   # default IMAGE_TAR: ledger-service/target/jib-image.tar
#
# NAME=VALUE pairs are added to the container's environment, e.g. a PostgreSQL database:
#   deploy/image/smoke-test.sh ledger-service/target/jib-image.tar \
#       SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/postgres SPRING_DATASOURCE_USERNAME=postgres
#
# Knobs (environment): SMOKE_PORT (8080; the container shares this machine's network, as with --network host),
# SMOKE_MEMORY (1g; the cgroup limit, empty for none), SMOKE_TIMEOUT (180 s to readiness), SMOKE_READ_ONLY=1 (a
# read-only root file system with a tmpfs on /tmp, as deploy/k8s and deploy/docker-compose.yml run it),
# SMOKE_BIND=HOST:CONTAINER[,HOST:CONTAINER...] (read-only bind mounts, e.g. a signing key as a secret),
# SMOKE_TOKEN (the bearer token of a key configured in NAME=VALUE pairs; without it the token the ledger generates in
# its data directory is used, and must belong to the image's user, mode 600),
# SMOKE_KEEP=1 (keep the unpacked root file system and log). Needs root, as CI has; Linux with util-linux, GNU tar,
# curl and python3.
#
# With LEDGER_EVIDENCE_SIGNING_KEY_FILE bound from a file here, the key served must be that file's; without it, the
# key generated into the image's data directory must belong to the image's user and be readable by it alone. With
# LEDGER_KAFKA_BOOTSTRAP_SERVERS, the relay must deliver the recorded consent.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
image=${1:-$root/ledger-service/target/jib-image.tar}
[ $# -gt 0 ] && shift
port=${SMOKE_PORT:-8080}
memory=${SMOKE_MEMORY-1g}
timeout=${SMOKE_TIMEOUT:-180}
export SMOKE_READ_ONLY=${SMOKE_READ_ONLY:-} SMOKE_BIND=${SMOKE_BIND:-}

fail() { echo "smoke-test: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (it unpacks image layers with their owners and starts them in a chroot)"
[ -f "$image" ] || fail "no image tarball at $image (build it: ./mvnw -pl ledger-service -am package jib:buildTar)"
for tool in unshare tar curl python3; do command -v "$tool" >/dev/null || fail "$tool is missing"; done
base_url=http://127.0.0.1:$port
# Something already answering there would pass the test in the image's place.
if curl -s -o /dev/null --max-time 2 "$base_url/"; then fail "port $port is already in use; set SMOKE_PORT"; fi

work=$(mktemp -d /tmp/ledger-smoke.XXXXXX)
rootfs=$work/rootfs
log=$work/container.log
pid=
cgroup=
cleanup() {
    local status=$?
    # The container's process first: it is the namespace's init, child of unshare, and its parent-death signal
    # is gone once it changed user, so killing unshare alone left it running (and holding the port).
    if [ -n "$pid" ]; then
        local child
        for child in $(pgrep -P "$pid"); do kill -KILL "$child" 2>/dev/null || true; done
    fi
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [ "$status" != 0 ] && [ -f "$log" ]; then echo "--- last lines of the container's output ($log)" >&2; tail -n 60 "$log" >&2; fi
    [ -n "$cgroup" ] && rmdir "$cgroup" 2>/dev/null || true
    if [ "${SMOKE_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

started=$(date +%s%N)
elapsed() { local ms=$(( ($(date +%s%N) - started) / 1000000 )); printf '%d.%d' $(( ms / 1000 )) $(( ms % 1000 / 100 )); }

# --- Unpack the image: docker-archive (manifest.json, config, layers in order) as jib:buildTar and docker save write.
mkdir -p "$work/image" "$rootfs"
tar -C "$work/image" -xf "$image"
mapfile -t layers < <(python3 -c 'import json,sys; [print(l) for l in json.load(open(sys.argv[1]))[0]["Layers"]]' "$work/image/manifest.json")
config=$work/image/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/image/manifest.json")
for layer in "${layers[@]}"; do
    # Whiteouts delete what earlier layers put there (Jib writes none; a registry base may).
    tar -tf "$work/image/$layer" --warning=no-unknown-keyword | grep -E '(^|/)\.wh\.' | while read -r wh; do
        dir=$(dirname "$wh"); name=$(basename "$wh")
        if [ "$name" = .wh..wh..opq ]; then find "$rootfs/$dir" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
        else rm -rf "${rootfs:?}/$dir/${name#.wh.}"; fi
    done || true
    tar -C "$rootfs" -xf "$work/image/$layer" --numeric-owner --same-permissions --same-owner \
        --warning=no-unknown-keyword --exclude='.wh.*' --exclude='*/.wh.*'
done
echo "Unpacked ${#layers[@]} layers ($(du -sh "$rootfs" | cut -f1)) in $(elapsed) s"

# --- What the image says to run.
eval "$(python3 - "$config" <<'PY'
import json, shlex, sys
c = json.load(open(sys.argv[1])).get("config", {})
command = (c.get("Entrypoint") or []) + (c.get("Cmd") or [])
user = c.get("User") or "0:0"
uid, _, gid = user.partition(":")
print("command=(%s)" % " ".join(shlex.quote(a) for a in command))
print("image_env=(%s)" % " ".join(shlex.quote(e) for e in c.get("Env") or []))
print("workdir=%s" % shlex.quote(c.get("WorkingDir") or "/"))
print("uid=%s gid=%s" % (shlex.quote(uid), shlex.quote(gid or uid)))
PY
)"
[ ${#command[@]} -gt 0 ] || fail "the image has no entrypoint"
[[ "$uid" =~ ^[0-9]+$ && "$gid" =~ ^[0-9]+$ ]] || fail "the image's user '$uid:$gid' is not numeric; give the image a uid:gid"
[ "$uid" != 0 ] || fail "the image runs as root"
echo "Entrypoint: ${command[*]}"
echo "User $uid:$gid, working directory $workdir"

env_args=("${image_env[@]}" "HOSTNAME=ledger-smoke")
[ "$port" != 8080 ] && env_args+=("SERVER_PORT=$port")
env_args+=("$@")

# What an engine provides at run time.
printf '127.0.0.1\tlocalhost ledger-smoke\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
: > "$rootfs/etc/resolv.conf"
mkdir -p "$rootfs/proc" "$rootfs/dev" "$rootfs/sys" "$rootfs/tmp"

# A memory limit, so that the JVM sizes its heap as it would in a container (cgroup v1, when this machine lets us).
limit_note="no memory limit"
if [ -n "$memory" ]; then
    parent=/sys/fs/cgroup/memory$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)
    if [ -w "$parent" ] && mkdir "$parent/ledger-smoke-$$" 2>/dev/null; then
        cgroup=$parent/ledger-smoke-$$
        bytes=$(numfmt --from=iec "${memory^^}")
        echo "$bytes" > "$cgroup/memory.limit_in_bytes"
        limit_note="memory limit $memory"
    else
        echo "No writable cgroup v1 memory controller here: running without a memory limit"
    fi
fi

# The container: PID 1 of its own PID namespace, private mounts (/proc, a minimal /dev, read-only /sys, the
# cgroups), then chroot, working directory, uid and gid, and the image's environment alone.
# shellcheck disable=SC2016
container_init='
set -e
r=$1; shift
# A mount of its own, so that it can be made read-only once everything is mounted on it.
mount --bind "$r" "$r"
mount -t proc -o nosuid,nodev,noexec proc "$r/proc"
mount -t tmpfs -o nosuid,mode=755 tmpfs "$r/dev"
for n in null zero full random urandom tty; do : > "$r/dev/$n"; mount --bind "/dev/$n" "$r/dev/$n"; done
mkdir -p "$r/dev/shm" "$r/dev/pts"
mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$r/dev/shm"
ln -s /proc/self/fd "$r/dev/fd"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$r/sys"
# The JVM honours a cgroup v1 memory limit only when it finds every controller, as engines mount them.
[ -d /sys/fs/cgroup ] && mount --rbind /sys/fs/cgroup "$r/sys/fs/cgroup"
for bind in $(echo "$SMOKE_BIND" | tr , " "); do
    from=${bind%%:*}; to=$r${bind#*:}
    if [ -d "$from" ]; then mkdir -p "$to"; else mkdir -p "$(dirname "$to")"; : > "$to"; fi
    mount --bind "$from" "$to"
    mount -o remount,bind,ro "$to"
done
if [ "$SMOKE_READ_ONLY" = 1 ]; then
    mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$r/tmp"
    mount -o remount,bind,ro "$r"
fi
exec "$@"
'
(
    [ -n "$cgroup" ] && echo "$BASHPID" > "$cgroup/cgroup.procs"
    exec unshare --mount --pid --fork --kill-child --propagation private \
        sh -c "$container_init" container-init "$rootfs" \
        env -i "${env_args[@]}" unshare --root="$rootfs" --wd="$workdir" --setgid="$gid" --setuid="$uid" -- "${command[@]}"
) > "$log" 2>&1 &
pid=$!
launched=$(date +%s%N)
[ "$SMOKE_READ_ONLY" = 1 ] && limit_note="$limit_note, read-only root"
echo "Started the image's entrypoint ($limit_note); waiting for $base_url/actuator/health/readiness..."

# --- Readiness.
ready=
while [ "$(( ($(date +%s%N) - started) / 1000000000 ))" -lt "$timeout" ]; do
    kill -0 "$pid" 2>/dev/null || fail "the container exited before it was ready"
    if [ "$(curl -s --max-time 2 "$base_url/actuator/health/readiness" | python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("status"))
except Exception: print("")' 2>/dev/null)" = UP ]; then ready=$(elapsed); break; fi
    sleep 0.5
done
[ -n "$ready" ] || fail "readiness did not turn UP within $timeout s"
since_launch=$(( ($(date +%s%N) - launched) / 1000000 ))
echo "Readiness UP $(( since_launch / 1000 )).$(( since_launch % 1000 / 100 )) s after the container started ($(grep -o 'Started LedgerApplication in [0-9.]* seconds' "$log" || echo 'no start-up line logged'))"
curl -sf --max-time 5 "$base_url/actuator/health/liveness" | grep -q '"UP"' || fail "liveness is not UP"

# --- Access: nothing but the probes answers without a token.
token=${SMOKE_TOKEN:-}
if [ -z "$token" ]; then
    token_file=$rootfs$workdir/data/keys/access-token
    [ -f "$token_file" ] || fail "no key configured (SMOKE_TOKEN) and no access token generated in $workdir/data/keys"
    [ "$(stat -c '%u %a' "$token_file")" = "$uid 600" ] \
        || fail "the generated access token is $(stat -c 'owned by %u, mode %a' "$token_file")"
    token=$(cat "$token_file")
    echo "Generated its access token in $workdir/data/keys as uid $uid, mode 600"
fi
anonymous=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base_url/api/v1/admin/projections")
[ "$anonymous" = 401 ] || fail "an admin path answered $anonymous without a token"
auth=(-H "Authorization: Bearer $token")

# --- Who runs it, and how much memory it takes.
# The entrypoint replaced the container's init (exec), so it is the one child of the namespace's unshare.
java_pid=$(pgrep -P "$pid")
read -r _ real_uid _ < <(grep '^Uid:' "/proc/$java_pid/status")
read -r _ real_gid _ < <(grep '^Gid:' "/proc/$java_pid/status")
[ "$real_uid" = "$uid" ] && [ "$real_gid" = "$gid" ] || fail "the process runs as $real_uid:$real_gid, not $uid:$gid"
groups=$(awk '/^Groups:/ {$1 = ""; print}' "/proc/$java_pid/status" | xargs)
[ -z "$groups" ] || [ "$groups" = "$gid" ] || fail "the process keeps supplementary groups: $groups"
curl -s "${auth[@]}" --max-time 5 "$base_url/actuator/prometheus" > "$work/metrics.txt" || true
mib() { awk -v m="$1" -v a="$2" 'index($0, m "{") == 1 && index($0, "area=\"" a "\"") && $NF > 0 {sum += $NF}
    END {printf "%.0f", sum / 1048576}' "$work/metrics.txt"; }
rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$java_pid/status")
echo "Runs as uid $real_uid gid $real_gid; heap max $(mib jvm_memory_max_bytes heap) MiB, heap used" \
    "$(mib jvm_memory_used_bytes heap) MiB, non-heap used $(mib jvm_memory_used_bytes nonheap) MiB, resident $rss MiB ($limit_note)"

# --- It works: a consent recorded and answered, its signing key written by the non-root user.
site=$base_url/api/v1/sites/smartbump.opendatasoft.com
curl -sf "${auth[@]}" --max-time 10 "$site/policies" | grep -q '"version"' || fail "the seeded policies are not served"
# To the millisecond: the seeded policy takes effect at the instant the service started, and a time cut to the
# second could fall before it when the service is ready within that second.
status=$(curl -s -o "$work/receipt.json" -w '%{http_code}' --max-time 10 -X POST "${auth[@]}" "$site/visitors/smoke/consents" \
    -H 'Content-Type: application/json' -d '{"consentId": "smoke-test-1", "policyVersion": 1,
    "occurredAt": "'"$(date -u +%FT%T.%3NZ)"'", "granted": ["statistics"], "denied": [], "source": "smoke-test"}')
[ "$status" = 201 ] || fail "recording a consent answered $status: $(cat "$work/receipt.json")"
answered=
for _ in $(seq 1 40); do
    if curl -s "${auth[@]}" --max-time 5 "$site/visitors/smoke/consent" | grep -q '"GRANTED"'; then answered=yes; break; fi
    sleep 0.25
done
[ -n "$answered" ] || fail "the recorded consent is not in the answer"
key=$(curl -sf --max-time 5 "$base_url/.well-known/consent-ledger/checkpoint-key.pem")
[[ "$key" == *"BEGIN PUBLIC KEY"* ]] || fail "no checkpoint public key"
echo "Recorded a consent and read it back; checkpoint key served"

# --- The signing key: the mounted secret, or one of the ledger's own making in its data directory.
setting() { printf '%s\n' "${env_args[@]}" | sed -n "s/^$1=//p" | tail -n 1; }
public_block() { sed -n '/BEGIN PUBLIC KEY/,/END PUBLIC KEY/p' | tr -d ' \n'; }
key_file=$(setting LEDGER_EVIDENCE_SIGNING_KEY_FILE)
if [ -n "$key_file" ]; then
    for bind in $(echo "$SMOKE_BIND" | tr , ' '); do
        if [ "${bind#*:}" = "$key_file" ]; then
            [ "$(public_block < "${bind%%:*}")" = "$(echo "$key" | public_block)" ] \
                || fail "the key served is not the one mounted at $key_file"
            echo "Signs with the mounted key $key_file"
        fi
    done
else
    generated=$rootfs$workdir/data/keys/checkpoint-ed25519.pem
    [ -f "$generated" ] || fail "no signing key generated in $workdir/data/keys"
    [ "$(stat -c '%u %a' "$generated")" = "$uid 600" ] || fail "the generated key is $(stat -c 'owned by %u, mode %a' "$generated")"
    echo "Generated its signing key in $workdir/data/keys as uid $uid, mode 600"
fi

# --- With Kafka, the relay delivers what was recorded.
if [ -n "$(setting LEDGER_KAFKA_BOOTSTRAP_SERVERS)" ]; then
    behind=
    for _ in $(seq 1 60); do
        behind=$(curl -s "${auth[@]}" --max-time 5 "$base_url/actuator/health" | python3 -c 'import json,sys
print(json.load(sys.stdin)["components"]["kafkaRelay"]["details"]["eventsBehind"])' 2>/dev/null || true)
        [ "$behind" = 0 ] && break
        sleep 0.5
    done
    [ "$behind" = 0 ] || fail "the Kafka relay is ${behind:-an unknown number of} events behind"
    echo "Kafka relay caught up with the ledger"
fi

# --- Graceful stop, as an orchestrator asks for it.
stop_started=$(date +%s)
kill -TERM "$java_pid"
for _ in $(seq 1 90); do kill -0 "$java_pid" 2>/dev/null || break; sleep 0.5; done
kill -0 "$java_pid" 2>/dev/null && fail "still running 45 s after SIGTERM"
wait "$pid" && code=0 || code=$?
# 143: the JVM ended on SIGTERM after running its shutdown hooks.
[ "$code" = 0 ] || [ "$code" = 143 ] || fail "exited with $code after SIGTERM"
grep -q 'Commencing graceful shutdown' "$log" || fail "no graceful shutdown in the log"
pid=
echo "Stopped gracefully in $(( $(date +%s) - stop_started )) s (exit $code)"
echo "smoke-test: PASSED ($image, $(elapsed) s)"
