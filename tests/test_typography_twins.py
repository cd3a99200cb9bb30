"""One text form for comparing: a letter pasted from a PDF (ligatures, soft hyphens, no-break
spaces, zero-width characters) and the same letter typed plainly compare as the same text,
while each keeps its characters as loaded."""

from __future__ import annotations

import dataclasses

import pytest

from compare.comparison import compare_letters, letter_diff_json
from compare.corpus import document_letters
from compare.models import Document

PLAIN = (
    "Dear Minister Pérez,\n\nThe affected families need official support for their children.\n\n"
    "We urge you to act for the families in the coastal towns before the winter and the café "
    "closures.\n\n"
    "Sincerely,\n\nCoast Watch\n"
)
VARIANTS = {
    "ligatures": {"affected": "a\ufb00ected", "official": "o\ufb03cial"},
    "soft hyphens": {"families": "fami\u00adlies", "support": "sup\u00adport"},
    "no-break and zero-width spaces": {"the winter": "the\u00a0winter", "coastal": "coast\u200bal"},
    "decomposed accents": {"Pérez": "Pe\u0301rez", "café": "cafe\u0301"},
}


def letter(text: str, key: str, taxonomy):
    (parsed,) = document_letters(Document(f"{key}.txt", text), taxonomy)
    return dataclasses.replace(parsed, key=key)


@pytest.mark.parametrize("kind", VARIANTS)
def test_a_typographic_twin_diffs_as_all_equal_with_no_words_changed(kind, taxonomy):
    twin = PLAIN
    for plain, variant in VARIANTS[kind].items():
        twin = twin.replace(plain, variant)
    a, b = letter(PLAIN, "a", taxonomy), letter(twin, "b", taxonomy)
    result = letter_diff_json(compare_letters(a, b))
    assert result["counts"]["changed"] == result["counts"]["inserted"] == 0
    assert (result["words_added"], result["words_removed"]) == (0, 0)
    assert result["similarity"] == 1.0
    assert not compare_letters(a, b).differs
    # the twin keeps what was loaded: the comparison normalises, the text stays faithful
    assert any(
        v in p.text for p in b.paragraphs for v in VARIANTS[kind].values()
    ) or kind.startswith("decomposed")
