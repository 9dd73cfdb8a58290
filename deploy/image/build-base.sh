#!/usr/bin/env bash
# Builds the ledger's base image (a Java 17 runtime and nothing else) from Debian packages, without Docker or any
# container registry, and writes it as a docker-archive tarball that Jib takes as `tar://...` and `docker load` takes
# as it is.
#
#   deploy/image/build-base.sh [--force] [OUTPUT]     # default OUTPUT: deploy/image/target/jre17-base.tar
#
# Needs root (CI runs as root) on a Debian or Ubuntu machine: the packages come from this machine's apt sources, so
# the base matches its release. Unchanged packages leave an existing OUTPUT as it is unless --force is given.
#
# How: apt resolves openjdk-17-jre-headless's dependency closure as if nothing were installed, the packages are
# unpacked with `dpkg -x` (no maintainer scripts, so no shell, package manager or init system ends up in the image),
# and the few things their maintainer scripts would have done are done here: `java` on the PATH, the CA keystore,
# users. Smaller than a debootstrap of the same release (no apt, dpkg, perl or coreutils) and needs no package
# scripts to run inside the new tree.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
force=false
if [ "${1:-}" = "--force" ]; then force=true; shift; fi
output=${1:-$here/target/jre17-base.tar}
case "$output" in /*) ;; *) output=$PWD/$output ;; esac
jre_package=${BASE_JRE_PACKAGE:-openjdk-17-jre-headless}
tag=${BASE_IMAGE_TAG:-consent-ledger-base:jre17}
# The uid the ledger runs as (ledger-service/pom.xml: jib.container.user); named here so that tools show a name.
app_uid=10001
# Essential packages are nobody's dependency, so apt leaves them out: base-files gives the usual directories (/tmp
# among them) and os-release, libc-bin the C.UTF-8 locale, without which Java 17 reads and writes ASCII.
extra_packages=("$jre_package" base-files libc-bin)

if [ "$(id -u)" != 0 ]; then echo "build-base.sh: run as root (it unpacks packages and runs java in a chroot)" >&2; exit 1; fi
for tool in apt-get dpkg-deb unshare chroot tar gzip sha256sum; do
    command -v "$tool" >/dev/null || { echo "build-base.sh: $tool is missing (a Debian or Ubuntu machine is needed)" >&2; exit 1; }
done

started=$(date +%s)
work=$(dirname "$output")/base-work
debs=$work/debs
rootfs=$work/rootfs
mkdir -p "$debs/partial"

# An empty dpkg status makes apt resolve the whole closure, not just what this machine lacks.
: > "$work/empty-status"
apt_opts=(-o Dir::State::status="$work/empty-status" -o Dir::Cache::archives="$debs" -o Debug::NoLocking=1
          -o APT::Sandbox::User=root -o Dpkg::Use-Pty=0)
apt-get update -qq || echo "build-base.sh: apt-get update failed; using the package lists this machine has" >&2
echo "Resolving $jre_package and its dependencies..."
# apt's simulation names the exact versions; they decide whether to rebuild.
apt-get install --no-install-recommends -y -s "${apt_opts[@]}" "${extra_packages[@]}" \
    | awk '/^Inst / {sub(/^\(/, "", $3); print $2 "=" $3}' | sort > "$work/packages.new"
[ -s "$work/packages.new" ] || { echo "build-base.sh: apt resolved no packages for $jre_package" >&2; exit 1; }
if ! $force && [ -f "$output" ] && cmp -s "$work/packages.new" "$output.packages"; then
    echo "Base image $output is up to date ($(wc -l < "$output.packages") packages unchanged); --force rebuilds it"
    exit 0
fi
apt-get install --download-only --no-install-recommends -y -qq "${apt_opts[@]}" "${extra_packages[@]}" >/dev/null
packages=()
while IFS== read -r name version; do
    # The cache spells an epoch's colon as %3a.
    deb=$(ls "$debs/${name}_${version//:/%3a}"_*.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || { echo "build-base.sh: $name $version was not downloaded" >&2; exit 1; }
    packages+=("$deb")
done < "$work/packages.new"
# Superseded versions from earlier runs go.
find "$debs" -maxdepth 1 -name '*.deb' | sort | comm -23 - <(printf '%s\n' "${packages[@]}" | sort) | xargs -r rm -f

echo "Unpacking ${#packages[@]} packages..."
rm -rf "$rootfs" && mkdir -p "$rootfs"
for deb in "${packages[@]}"; do dpkg-deb -x "$deb" "$rootfs"; done

# What dpkg would know: image scanners read installed packages from here (the layout distroless images use).
mkdir -p "$rootfs/var/lib/dpkg/status.d"
for deb in "${packages[@]}"; do
    name=$(dpkg-deb -f "$deb" Package)
    { dpkg-deb -f "$deb"; echo "Status: install ok installed"; } > "$rootfs/var/lib/dpkg/status.d/$name"
done

jvm=$(cd "$rootfs/usr/lib/jvm" && ls -d java-17-openjdk-* | head -n 1)
[ -x "$rootfs/usr/lib/jvm/$jvm/bin/java" ] || { echo "build-base.sh: no java in $jre_package" >&2; exit 1; }
java_home=/usr/lib/jvm/$jvm
# update-alternatives would have made these links.
for tool in java keytool; do ln -sf "../lib/jvm/$jvm/bin/$tool" "$rootfs/usr/bin/$tool"; done
[ -e "$rootfs/etc/os-release" ] || ln -s ../usr/lib/os-release "$rootfs/etc/os-release"

cat > "$rootfs/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/usr/sbin/nologin
ledger:x:$app_uid:0:consent ledger:/var/lib/consent-ledger:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
# Without this file glibc asks DNS before /etc/hosts, so 'localhost' would depend on a resolver.
cat > "$rootfs/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS

# The CA keystore, as update-ca-certificates and ca-certificates-java would build it: /etc/ssl/certs/*.pem links
# to the Mozilla bundle, then Debian's own tool writes /etc/ssl/certs/java/cacerts (a path it has built in, hence the
# chroot, which also shows that the new tree's java runs).
mkdir -p "$rootfs/etc/ssl/certs/java"
: > "$rootfs/etc/ssl/certs/ca-certificates.crt"
(cd "$rootfs/usr/share/ca-certificates" && find . -name '*.crt' | sort) | while read -r crt; do
    crt=${crt#./}
    pem=$(basename "$crt" .crt).pem
    ln -sf "/usr/share/ca-certificates/$crt" "$rootfs/etc/ssl/certs/$pem"
    cat "$rootfs/usr/share/ca-certificates/$crt" >> "$rootfs/etc/ssl/certs/ca-certificates.crt"
    echo "+/etc/ssl/certs/$pem"
done > "$work/cacerts.list"
mkdir -p "$rootfs/proc" "$rootfs/dev"
in_rootfs() {
    unshare --mount --pid --fork --mount-proc="$rootfs/proc" \
        sh -c 'mount --rbind /dev "$0/dev" && exec chroot "$0" "$@"' "$rootfs" "$@"
}
LC_ALL=C.UTF-8 in_rootfs "$java_home/bin/java" -Xmx64m -jar /usr/share/ca-certificates-java/ca-certificates-java.jar \
    < "$work/cacerts.list" >/dev/null
trusted=$(in_rootfs "$java_home/bin/keytool" -list -cacerts -storepass changeit | grep -c trustedCertEntry || true)
expected=$(wc -l < "$work/cacerts.list")
if [ "$trusted" -lt 100 ] || [ "$trusted" -ne "$expected" ]; then
    echo "build-base.sh: the CA keystore holds $trusted certificates, expected $expected" >&2; exit 1
fi
java_version=$(in_rootfs "$java_home/bin/java" -version 2>&1 | head -n 1 | tr -d '"\\')
encoding=$(LC_ALL=C.UTF-8 in_rootfs "$java_home/bin/java" -XshowSettings:properties -version 2>&1 | awk '$1 == "sun.jnu.encoding" {print $3}')
[ "$encoding" = UTF-8 ] || { echo "build-base.sh: java in the image runs with $encoding, not UTF-8" >&2; exit 1; }
# What libc-bin's postinst would do; the loader finds Debian's library directories without it, only slower.
in_rootfs /sbin/ldconfig

# Nothing in the image needs to change users: setuid programs (util-linux's su) lose the bit.
find "$rootfs" -type f -perm /6000 -exec chmod ug-s {} +
# Documentation is of no use in a container; the copyright files stay, as the licences ask.
find "$rootfs/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
rm -rf "$rootfs/usr/share/man" "$rootfs/usr/share/info" "$rootfs/usr/share/locale" "$rootfs/usr/share/lintian" \
    "$rootfs/usr/share/bash-completion" "$rootfs/var/cache/debconf"/*
rm -rf "$rootfs/tmp"/* "$rootfs/dev"/* "$rootfs/proc"/* "$work/layer"

echo "Writing $output..."
layer_dir=$work/layer
mkdir -p "$layer_dir"
tar -C "$rootfs" --sort=name --numeric-owner -cf "$layer_dir/layer.tar" .
diff_id=sha256:$(sha256sum "$layer_dir/layer.tar" | cut -d' ' -f1)
# Compressed layers: Jib takes them as they are (it would gzip a plain one itself) and the tarball is a third the size.
gzip -n -6 "$layer_dir/layer.tar"
arch=$(dpkg --print-architecture)
case "$arch" in amd64|arm64|ppc64el|s390x|riscv64) ;; *) echo "build-base.sh: no image architecture for $arch" >&2; exit 1 ;; esac
[ "$arch" = ppc64el ] && arch=ppc64le
# The image is as old as its runtime's build, so rebuilding the same packages gives the same config.
created=$(date -u -d "@$(stat -c %Y "$rootfs$java_home/release")" +%FT%TZ)
cat > "$layer_dir/config.json" <<CONFIG
{"architecture":"$arch","os":"linux","created":"$created",
 "config":{"Env":["PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "WorkingDir":"/","Labels":{"org.opencontainers.image.description":"$java_version, Debian packages"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"deploy/image/build-base.sh: $jre_package and its dependencies (${#packages[@]} packages)"}]}
CONFIG
config_name=$(sha256sum "$layer_dir/config.json" | cut -d' ' -f1).json
mv "$layer_dir/config.json" "$layer_dir/$config_name"
printf '[{"Config":"%s","RepoTags":["%s"],"Layers":["layer.tar.gz"]}]\n' "$config_name" "$tag" > "$layer_dir/manifest.json"
mkdir -p "$(dirname "$output")"
tar -C "$layer_dir" --numeric-owner --owner=0 --group=0 -cf "$output.tmp" manifest.json "$config_name" layer.tar.gz
mv "$output.tmp" "$output"
cp "$work/packages.new" "$output.packages"
rm -rf "$layer_dir"

echo "Base image: $output ($tag, $java_version)"
echo "  ${#packages[@]} packages, $(du -sh "$rootfs" | cut -f1) unpacked, $(du -h "$output" | cut -f1) as a tarball, $(( $(date +%s) - started )) s"
echo "  use it with: ./mvnw -pl ledger-service -am package jib:buildTar -Djib.from.image=tar://$output"
