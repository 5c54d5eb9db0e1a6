#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
# Regenerates the RFC 3156 multipart/signed fixtures here with gpg 2.2, using the interop test keys:
#   clear-signed-25519.eml     multipart/signed (not encrypted), signed by sender-25519
#   sign-then-encrypt-25519.eml multipart/signed inside PGP/MIME encryption to the bridge key
set -eu
DIR=$(cd "$(dirname "$0")" && pwd)
KEYS="$DIR/../interop"
GNUPGHOME=$(mktemp -d)
export GNUPGHOME
trap 'rm -rf "$GNUPGHOME"' EXIT
g() { gpg --batch --quiet --no-tty --pinentry-mode loopback --passphrase '' --trust-model always "$@"; }
g --import "$KEYS/sender-25519.sec.asc" "$KEYS/bridge.pub.asc" 2>/dev/null
crlf() { sed 's/\r*$/\r/'; }
BRIDGE=$(g --with-colons --list-keys tips 2>/dev/null | awk -F: '/^fpr:/ { print $10; exit }')
[ -n "$BRIDGE" ] || BRIDGE=$(g --with-colons --list-keys 2>/dev/null | awk -F: '/^fpr:/ { f=$10 } END { print f }')

# The signed entity: text, quoted-printable UTF-8 text and a base64 attachment (canonical CRLF).
signed_part() {
  printf 'Content-Type: multipart/mixed; boundary="inner"\n\n'
  printf -- '--inner\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n'
  printf 'Bushmeat sold at the Friday market =E2=80=93 stall 3.=20\nTrailing space above is signed.\n'
  printf -- '--inner\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="map.bin"\n'
  printf 'Content-Transfer-Encoding: base64\n\nAAECAwQFBgcICQ==\n--inner--\n'
}
signed_part | crlf >"$GNUPGHOME/part"
# RFC 3156: the signed data excludes the CRLF that precedes the boundary
head -c -2 "$GNUPGHOME/part" >"$GNUPGHOME/part.signed"
g --local-user source.25519@example.org --armor --detach-sign --digest-algo SHA512 \
  -o "$GNUPGHOME/sig.asc" "$GNUPGHOME/part.signed"

signed_entity() {
  printf 'Content-Type: multipart/signed; micalg=pgp-sha512; protocol="application/pgp-signature"; boundary="sig"\n\n'
  printf -- '--sig\n'
  cat "$GNUPGHOME/part.signed"; printf '\n'
  printf -- '--sig\nContent-Type: application/pgp-signature; name="signature.asc"\n\n'
  cat "$GNUPGHOME/sig.asc"
  printf -- '--sig--\n'
}
headers() {
  printf 'From: Sender 25519 <source.25519@example.org>\nTo: tips@localhost\nSubject: %s\n' "$1"
  printf 'Message-ID: <%s@example.org>\nMIME-Version: 1.0\n' "$2"
}
{ headers 'Signed tip' signed-1; signed_entity; } | crlf >"$DIR/clear-signed-25519.eml"
signed_entity | crlf >"$GNUPGHOME/inner"
g --armor --recipient "$BRIDGE" --encrypt -o "$GNUPGHOME/enc.asc" "$GNUPGHOME/inner"
{
  headers '...' signed-2
  printf 'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="enc"\n\n'
  printf -- '--enc\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n\n'
  printf -- '--enc\nContent-Type: application/octet-stream; name="encrypted.asc"\n\n'
  cat "$GNUPGHOME/enc.asc"
  printf -- '--enc--\n'
} | crlf >"$DIR/sign-then-encrypt-25519.eml"
echo "written to $DIR"
