#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# Regenerates the gpg interop fixtures in this directory: test keys (bridge, analyst, two senders)
# and complete RFC 822 messages (CRLF line ends, as SMTP delivers them) made by gpg 2.2, plus the
# body text each message should yield (*.expected.txt, UTF-8, LF line ends).
# Every identifier in here is fake. Idempotent: deletes its outputs and writes them again.
# Key material and ciphertext differ on every run; file names do not.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$DIR"

BRIDGE_PASS='bridge-test-passphrase'
ANALYST_PASS='analyst-test-passphrase'

OUTPUTS=(
  bridge.sec.asc bridge.pub.asc analyst.sec.asc analyst.pub.asc
  sender-rsa.sec.asc sender-rsa.pub.asc sender-25519.sec.asc sender-25519.pub.asc
  pgpmime-signed-rsa.eml pgpmime-signed-rsa.expected.txt
  pgpmime-unsigned-25519.eml pgpmime-unsigned-25519.expected.txt pgpmime-unsigned-25519.evidence.sha256
  pgpmime-protected-headers-25519.eml pgpmime-protected-headers-25519.expected.txt
  inline-signed-25519.eml inline-signed-25519.expected.txt
  inline-unsigned-rsa.eml inline-unsigned-rsa.expected.txt
  plaintext.eml plaintext.expected.txt
)
rm -f "${OUTPUTS[@]}"

GNUPGHOME="$(mktemp -d /tmp/tbfix.XXXXXX)" # short path: gpg-agent socket length limit
export GNUPGHOME
WORK="$GNUPGHOME/work"
mkdir -p "$WORK"
cleanup() {
  gpgconf --kill gpg-agent >/dev/null 2>&1 || true
  rm -rf "$GNUPGHOME"
}
trap cleanup EXIT

g() { gpg --batch --yes --no-tty --quiet --pinentry-mode loopback --trust-model always "$@"; }

fpr_of() { g --with-colons --list-keys "$1" | awk -F: '/^fpr:/ { print $10; exit }'; }

# make_key NAME USER_ID PRIMARY_ALGO SUBKEY_ALGO PASSPHRASE
make_key() {
  local name="$1" uid="$2" primary="$3" sub="$4" pass="$5" fpr
  g --passphrase "$pass" --quick-gen-key "$uid" "$primary" sign never
  fpr="$(fpr_of "$uid")"
  g --passphrase "$pass" --quick-add-key "$fpr" "$sub" encr never
  g --armor --export "$fpr" >"$name.pub.asc"
  g --passphrase "$pass" --armor --export-secret-keys "$fpr" >"$name.sec.asc"
}

make_key bridge 'tipbridge test bridge <tips@localhost>' ed25519 cv25519 "$BRIDGE_PASS"
make_key analyst 'tipbridge test analyst <analyst@localhost>' ed25519 cv25519 "$ANALYST_PASS"
make_key sender-rsa 'Sender RSA <source.rsa@example.org>' rsa3072 rsa3072 ''
make_key sender-25519 'Sender 25519 <source.25519@example.org>' ed25519 cv25519 ''
BRIDGE_FPR="$(fpr_of tips@localhost)"

crlf() { sed 's/\r$//; s/$/\r/'; }

# encrypt_to_bridge SENDER_EMAIL SIGN(yes|no) < plaintext > armored message
encrypt_to_bridge() {
  local sender="$1" sign="$2"
  if [ "$sign" = yes ]; then
    g --armor --local-user "$sender" --sign --encrypt --recipient "$BRIDGE_FPR"
  else
    g --armor --encrypt --recipient "$BRIDGE_FPR"
  fi
}

# headers N FROM SUBJECT: the outer RFC 822 header block with fake trace identifiers (no Content-Type)
headers() {
  local n="$1" from="$2" subject="$3"
  cat <<HDR
Received: from mail.example.org (mail.example.org [203.0.113.$n])
	by mx.localhost (Postfix) with ESMTPS id 4Fx${n}Q2kZz1
	for <tips@localhost>; Tue, 03 Mar 2026 10:1$n:00 +0000 (UTC)
Message-ID: <fixture-$n.7c1e@mail.example.org>
Date: Tue, 03 Mar 2026 10:1$n:00 +0000
From: $from
To: tips@localhost
Subject: $subject
X-Mailer: FixtureMail 0.$n (fake client for tests)
MIME-Version: 1.0
HDR
}

# pgp_mime N FROM SUBJECT < armored message > complete RFC 3156 multipart/encrypted mail (LF)
pgp_mime() {
  local n="$1" from="$2" subject="$3" boundary="------------enc$1boundary"
  headers "$n" "$from" "$subject"
  cat <<MSG
Content-Type: multipart/encrypted; protocol="application/pgp-encrypted";
 boundary="$boundary"

This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)
--$boundary
Content-Type: application/pgp-encrypted
Content-Description: PGP/MIME version identification

Version: 1

--$boundary
Content-Type: application/octet-stream; name="encrypted.asc"
Content-Description: OpenPGP encrypted message
Content-Disposition: inline; filename="encrypted.asc"

$(cat)

--$boundary--
MSG
}

# inline N FROM SUBJECT < armored message > text/plain mail whose body is the armored block (LF)
inline() {
  headers "$1" "$2" "$3"
  printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n'
  cat
  printf '\n'
}

RSA_FROM='Sender RSA <source.rsa@example.org>'
C25519_FROM='Sender 25519 <source.25519@example.org>'

# 1. PGP/MIME, signed and encrypted by the RSA sender, quoted-printable UTF-8 text.
printf 'Elephant tusks in container 4471\nIvoire \xe2\x80\x93 caf\xc3\xa9, quai 12.\n' >pgpmime-signed-rsa.expected.txt
{
  printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n'
  printf 'Elephant tusks in container 4471\nIvoire =E2=80=93 caf=C3=A9, quai 12.\n'
} | crlf | encrypt_to_bridge source.rsa@example.org yes \
  | pgp_mime 1 "$RSA_FROM" '...' | crlf >pgpmime-signed-rsa.eml

# 2. PGP/MIME, unsigned, 25519 sender: text part, 3 KB binary attachment, sender's public key.
for i in $(seq 0 95); do printf 'tipbridge-evidence-seed-%d' "$i" | sha256sum | cut -c1-64; done \
  | xxd -r -p >"$WORK/evidence.bin"
(cd "$WORK" && sha256sum evidence.bin) >pgpmime-unsigned-25519.evidence.sha256
printf 'Photos of the ledger attached.\nIvoire \xe2\x80\x93 caf\xc3\xa9.\n' >pgpmime-unsigned-25519.expected.txt
{
  printf 'Content-Type: multipart/mixed; boundary="mixed2boundary"\n\n'
  printf -- '--mixed2boundary\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n'
  cat pgpmime-unsigned-25519.expected.txt
  printf -- '\n--mixed2boundary\nContent-Type: application/octet-stream; name="evidence.bin"\n'
  printf 'Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="evidence.bin"\n\n'
  base64 -w 76 "$WORK/evidence.bin"
  printf -- '\n--mixed2boundary\nContent-Type: application/pgp-keys; name="sender-25519.asc"\n'
  printf 'Content-Transfer-Encoding: 7bit\nContent-Disposition: attachment; filename="sender-25519.asc"\n\n'
  cat sender-25519.pub.asc
  printf -- '\n--mixed2boundary--\n'
} | crlf | encrypt_to_bridge source.25519@example.org no \
  | pgp_mime 2 "$C25519_FROM" 'Ledger photos' | crlf >pgpmime-unsigned-25519.eml

# 3. PGP/MIME, signed and encrypted, protected headers (the real subject is inside).
printf 'Rhino horn shipment leaves Thursday from dock 9.\n' >pgpmime-protected-headers-25519.expected.txt
{
  printf 'Content-Type: multipart/mixed; boundary="mixed3boundary"; protected-headers="v1"\n'
  printf 'Subject: Rhino horn shipment\nFrom: %s\nTo: tips@localhost\n\n' "$C25519_FROM"
  printf -- '--mixed3boundary\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n'
  cat pgpmime-protected-headers-25519.expected.txt
  printf -- '\n--mixed3boundary--\n'
} | crlf | encrypt_to_bridge source.25519@example.org yes \
  | pgp_mime 3 "$C25519_FROM" '...' | crlf >pgpmime-protected-headers-25519.eml

# 4. Inline PGP (webmail extension style), signed and encrypted UTF-8 text.
printf 'Pangolin scales in the blue van \xe2\x80\x93 caf\xc3\xa9 du port.\n' >inline-signed-25519.expected.txt
encrypt_to_bridge source.25519@example.org yes <inline-signed-25519.expected.txt \
  | inline 4 "$C25519_FROM" 'tip' | crlf >inline-signed-25519.eml

# 5. Inline PGP, unsigned, RSA sender.
printf 'Shark fins stored at warehouse 12.\n' >inline-unsigned-rsa.expected.txt
encrypt_to_bridge source.rsa@example.org no <inline-unsigned-rsa.expected.txt \
  | inline 5 "$RSA_FROM" 'tip' | crlf >inline-unsigned-rsa.eml

# 6. Plain, unencrypted mail.
printf 'Unencrypted tip: timber from the protected forest \xe2\x80\x93 lot 7.\n' >plaintext.expected.txt
{
  headers 6 "$RSA_FROM" 'Unencrypted tip'
  printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n'
  cat plaintext.expected.txt
} | crlf >plaintext.eml

echo "fixtures written to $DIR"
