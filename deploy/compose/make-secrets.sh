#!/usr/bin/env bash
# Writes the secrets that deploy/docker-compose.yml mounts, into deploy/compose/secrets/ (git-ignored, never commit it):
#   postgres-password        the ledger database's password
#   checkpoint-ed25519.pem   the Ed25519 key that signs checkpoints and evidence bundles (PRIVATE KEY and PUBLIC KEY
#                            blocks, as the ledger reads them); every instance signs with this one key
#   access-token             the operator's bearer token (every role, every site; ledger.access.token-file); keys of
#                            narrower reach are configured by their hash (docs/http-api.md: Access)
#   personal-data.keys       the pseudonym secret and the key-encryption key of visitors' personal data
#                            (ledger.personal-data.key-file, docs/erasure.md); every instance needs the same file
# Files that exist are kept: a new signing key would leave earlier checkpoints signed by a key no one is given any
# more, and a new personal-data key file would leave every visitor's sealed data unreadable. Delete a file to make a
# new one. Needs openssl.
#
#   deploy/compose/make-secrets.sh [DIR]
set -euo pipefail

dir=${1:-$(cd "$(dirname "$0")" && pwd)/secrets}
command -v openssl >/dev/null || { echo "make-secrets.sh: openssl is missing" >&2; exit 1; }
umask 077
mkdir -p "$dir"
# The directory keeps other users of this machine out. The files themselves must be readable inside the containers,
# which run as other uids and see them through bind mounts with this machine's owner and mode.
chmod 700 "$dir"

password=$dir/postgres-password
if [ ! -s "$password" ]; then
    openssl rand -base64 48 | tr -dc 'A-Za-z0-9' | head -c 40 > "$password.tmp"
    mv "$password.tmp" "$password"
    echo "wrote $password"
else
    echo "kept $password"
fi

key=$dir/checkpoint-ed25519.pem
if [ ! -s "$key" ]; then
    openssl genpkey -algorithm ed25519 -out "$key.tmp"
    openssl pkey -in "$key.tmp" -pubout >> "$key.tmp"
    mv "$key.tmp" "$key"
    echo "wrote $key"
else
    echo "kept $key"
fi
token=$dir/access-token
if [ ! -s "$token" ]; then
    openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n' > "$token.tmp"
    mv "$token.tmp" "$token"
    echo "wrote $token"
else
    echo "kept $token"
fi
personal=$dir/personal-data.keys
if [ ! -s "$personal" ]; then
    { echo "pseudonyms $(openssl rand -base64 32)"; echo "kek-$(date -u +%Y%m%d) $(openssl rand -base64 32)"; } \
        > "$personal.tmp"
    mv "$personal.tmp" "$personal"
    echo "wrote $personal"
else
    echo "kept $personal"
fi
chmod 644 "$password" "$key" "$token" "$personal"

# The ledger names its key by the first 16 hex digits of the SHA-256 of the public key (DER), as checkpoints do.
echo "signing key id: $(openssl pkey -in "$key" -pubout -outform DER | sha256sum | cut -c1-16)"
