#!/usr/bin/env bash
# WeasyPrint needs Pango (and through it HarfBuzz and fontconfig) and at least one font; it
# also wants HarfBuzz-subset to embed font subsets (without it, it warns and embeds whole
# fonts). Missing pieces are installed with apt-get when we are root on Debian/Ubuntu;
# otherwise the exact apt-get line is printed. Only Pango and a font are hard requirements.
# PDF input is read with poppler's pdftotext (poppler-utils) for its layout; without it the
# reader falls back to pypdf's plain text and warns.
set -uo pipefail
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig poppler-utils"
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
has_font() { command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -1)" ]; }
required_ok() { has_lib 'libpango-1.0.so' && has_lib 'libpangoft2-1.0.so' && has_font; }

has_pdftotext() { command -v pdftotext >/dev/null; }

if required_ok && has_lib 'libharfbuzz-subset.so' && has_pdftotext; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing WeasyPrint's system libraries and poppler-utils: $packages" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages; } \
    >/dev/null 2>&1 || echo "apt-get could not install everything; checking what is there" >&2
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
exit 0
