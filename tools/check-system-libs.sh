#!/usr/bin/env bash
# WeasyPrint needs Pango (and through it HarfBuzz, fontconfig), HarfBuzz-subset for font
# embedding, plus at least one font.
# Installs them with apt-get when we are root on Debian/Ubuntu; otherwise prints the exact line.
set -euo pipefail
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing() {
  ! ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' ||
  ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' ||
  ! ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' ||
  ! { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -1)" ]; }
}
if missing; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing WeasyPrint's system libraries: $packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages fontconfig >/dev/null
  else
    echo "WeasyPrint needs Pango and a font. Install them with:" >&2
    echo "  sudo apt-get install -y $packages fontconfig" >&2
    exit 1
  fi
fi
