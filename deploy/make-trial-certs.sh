#!/usr/bin/env bash
# Makes the certificates a trial of the compose file needs, in deploy/certs/ (or the directory given):
#   tls.crt, tls.key  a self-signed TLS pair for nginx (browsers warn: for a trial only; in production put the
#                     hospital's own certificate and key here under the same names)
#   keyring.pfx       the certificate that encrypts the cookie key ring at rest, protected by EXAM_KEYRING_PASSWORD
# Usage: EXAM_KEYRING_PASSWORD=... deploy/make-trial-certs.sh [host name] [directory]
set -euo pipefail
host="${1:-localhost}"
dir="${2:-$(dirname "$0")/certs}"
: "${EXAM_KEYRING_PASSWORD:?set EXAM_KEYRING_PASSWORD, the password of the key-ring certificate}"
case "$host" in *[!0-9.]*) san="DNS:$host" ;; *) san="IP:$host" ;; esac
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey rsa:2048 -sha256 -days 365 -nodes -subj "/CN=$host" \
  -addext "subjectAltName=$san,DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null
openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj "/CN=Exam key ring" \
  -keyout "$dir/keyring.key" -out "$dir/keyring.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$dir/keyring.key" -in "$dir/keyring.crt" -out "$dir/keyring.pfx" -passout env:EXAM_KEYRING_PASSWORD
rm -f "$dir/keyring.key"
# The web image runs as its own user: it reads keyring.pfx (the password guards it); tls.key stays the owner's (nginx reads it as root).
chmod 644 "$dir/tls.crt" "$dir/keyring.crt" "$dir/keyring.pfx"
echo "Made $dir/tls.crt, $dir/tls.key (for $host) and $dir/keyring.pfx"
