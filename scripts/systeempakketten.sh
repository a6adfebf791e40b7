#!/usr/bin/env bash
# Debian packages the project needs beside Python, installed only when missing.
#   scripts/systeempakketten.sh run   — pango (WeasyPrint renders the letters as PDF)
#   scripts/systeempakketten.sh test  — also chromium (browser tests), poppler-utils (pdftotext
#                                       reads the PDFs back) and nodejs/npm (Spectral, ADR lint);
#                                       starts the local PostgreSQL server when it is down.
# Without root or apt-get it only says what is missing; the tests then name it again.
set -uo pipefail
doel="${1:-test}"

nodig=()
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || nodig+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "$doel" = test ]; then
  command -v chromium >/dev/null 2>&1 || nodig+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || nodig+=(poppler-utils)
  command -v npm >/dev/null 2>&1 || nodig+=(nodejs npm)
fi

if [ ${#nodig[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Debian-pakketten installeren: ${nodig[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${nodig[@]}" >/dev/null \
      || echo "Installeren mislukt; ontbreekt nog: ${nodig[*]}" >&2
  else
    echo "Ontbreekt (installeer met apt-get als root): ${nodig[*]}" >&2
  fi
fi

if [ "$doel" = test ] && command -v pg_isready >/dev/null 2>&1 \
  && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && [ -d /etc/postgresql ]; then
  echo "PostgreSQL antwoordt niet; starten"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
exit 0
