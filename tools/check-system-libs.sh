#!/usr/bin/env bash
# WeasyPrint needs Pango (and through it HarfBuzz and fontconfig) and at least one font; it
# also wants HarfBuzz-subset to embed font subsets (without it, it warns and embeds whole
# fonts). Missing pieces are installed with apt-get when we are root on Debian/Ubuntu;
# otherwise the exact apt-get line is printed. Only Pango and a font are hard requirements.
# PDF input is read with poppler's pdftotext (poppler-utils) for its layout; without it the
# reader falls back to pypdf's plain text and warns.
# Every script prints: the Noto fonts cover Chinese, Japanese and Korean, Arabic, Hebrew,
# Devanagari (and most other scripts) and emoji, which DejaVu lacks. They are wanted, not
# required: without them a report says on page 1 which characters print as boxes and which
# package to install (compare/data/fonts.toml names the same packages; a test checks).
set -uo pipefail
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig poppler-utils"
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
has_font() { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -1)" ]; }
required_ok() { has_lib 'libpango-1.0.so' && has_lib 'libpangoft2-1.0.so' && has_font; }
has_pdftotext() { command -v pdftotext >/dev/null; }

# One character per script, the package that covers it, and what it is called.
scripts="4e00:fonts-noto-cjk:Chinese/Japanese/Korean 0627:fonts-noto-core:Arabic
05d0:fonts-noto-core:Hebrew 0915:fonts-noto-core:Devanagari 1f1eb:fonts-noto-color-emoji:emoji"
covers() { command -v fc-list >/dev/null && [ -n "$(fc-list ":charset=$1" family 2>/dev/null | head -1)" ]; }
# The font packages still wanted (space-separated, each once) and the scripts they would print.
missing_fonts() {
  local entry code package
  for entry in $scripts; do
    IFS=: read -r code package _ <<<"$entry"
    covers "$code" || echo "$package"
  done | sort -u | tr '\n' ' '
}
missing_scripts() {
  local entry code name
  for entry in $scripts; do
    IFS=: read -r code _ name <<<"$entry"
    covers "$code" || printf '%s\n' "$name"
  done | paste -sd, - | sed 's/,/, /g'
}

fonts="$(missing_fonts)"
if required_ok && has_lib 'libharfbuzz-subset.so' && has_pdftotext && [ -z "${fonts// /}" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq >/dev/null 2>&1 || echo "apt-get update failed; trying what is cached" >&2
  if ! { required_ok && has_lib 'libharfbuzz-subset.so' && has_pdftotext; }; then
    echo "Installing WeasyPrint's system libraries and poppler-utils: $packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null 2>&1 \
      || echo "apt-get could not install everything; checking what is there" >&2
  fi
  if [ -n "${fonts// /}" ]; then
    # Separately: fonts that cannot be had must not keep the required libraries out.
    echo "Installing fonts for every script: ${fonts% }" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $fonts >/dev/null 2>&1 \
      || echo "apt-get could not install the fonts; reports will say which characters print as boxes" >&2
    fonts="$(missing_fonts)"
  fi
fi
if ! required_ok; then
  echo "WeasyPrint needs Pango and a font. Install them with:" >&2
  echo "  sudo apt-get install -y $packages" >&2
  exit 1
fi
has_lib 'libharfbuzz-subset.so' ||
  echo "note: libharfbuzz-subset0 is missing; PDFs embed whole fonts (apt-get install libharfbuzz-subset0)" >&2
has_pdftotext ||
  echo "note: pdftotext is missing; PDFs are read without their layout (apt-get install poppler-utils)" >&2
if [ -n "${fonts// /}" ]; then
  echo "note: no installed font prints $(missing_scripts) text; reports print it as boxes and say so." >&2
  echo "  Install the fonts with: sudo apt-get install -y ${fonts% }" >&2
fi
exit 0
