"""Terms, and so scores and the shared terms that explain them, come from within paragraphs:
no bigram joins the last word of one paragraph to the first word of the next."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from letters import blank_letter

from compare.cli import cli
from compare.index import CorpusIndex
from compare.models import Letter, Paragraph
from compare.similarity import (
    LetterVectorizer,
    compare_corpus,
    compare_pair,
    fit_letters,
    letter_text,
    nearest,
)

# "rights" ends three paragraphs and "north" opens the next in letters a and b; letter c uses
# "defend rights" and "north" elsewhere, so the cross-paragraph "rights north" (three times
# in a and b, never in c) would be the strongest term they share
ENDS = (
    "We defend rights.",
    "North camps must close and we defend rights.",
    "North prisoners must be freed and we defend rights.",
    "North families wait for news.",
)
OTHER = ("In the north, we defend rights.", "Winter came early.")
CROSSED = "rights north"


def make_letter(key: str, paragraphs: tuple[str, ...]) -> Letter:
    return blank_letter(key, paragraphs=tuple(Paragraph("body", p) for p in paragraphs))


def letters():
    return [
        make_letter("a", ENDS),
        make_letter("b", (*ENDS, "Families wait for news.")),
        make_letter("c", OTHER),
    ]


def test_no_term_crosses_a_paragraph_break():
    vectorizer = LetterVectorizer().fit(letters())
    assert "defend rights" in vectorizer.vocabulary_ and "north camps" in vectorizer.vocabulary_
    assert CROSSED not in vectorizer.vocabulary_
    index = fit_letters(letters())
    assert CROSSED not in index.terms
    assert CROSSED not in index.analyze(letter_text(letters()[0]))
    assert "defend rights" in index.analyze("We defend\nrights.")  # a line break is no break


def test_shared_terms_never_join_two_paragraphs():
    a, b, c = letters()
    assert CROSSED not in compare_pair(a, b, shared_terms=50).shared_terms
    assert "north camps" in compare_pair(a, b, shared_terms=50).shared_terms
    pairs = compare_corpus([a, b, c], shared_terms=50).pairs
    assert pairs and all(CROSSED not in p.shared_terms for p in pairs)
    assert all(CROSSED not in p.shared_terms for p in nearest(a, [b, c], shared_terms=50))


def test_the_commands_never_show_a_term_made_across_paragraphs(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for letter in letters():
        body = "\n\n".join(p.text for p in letter.paragraphs)
        (root / f"{letter.key}.txt").write_text(
            f"Open letter\n\n3 May 2021\n\nDear Minister Smith,\n\n{body}\n\nSincerely,\n\n"
            "Group One\nGroup Two\n",
            encoding="utf-8",
        )
    runner = CliRunner()
    base = ["--corpus", str(root), "--no-cache"]
    similarity = json.loads(runner.invoke(cli, [*base, "similarity", "--json"]).output)
    pair = similarity["pairs"][0]
    assert pair["shared_terms"] and CROSSED not in pair["shared_terms"]
    assert all(CROSSED not in p["shared_terms"] for p in similarity["pairs"])
    diff = json.loads(runner.invoke(cli, [*base, "diff", pair["a"], pair["b"], "--json"]).output)
    assert CROSSED not in diff["shared_terms"]
    draft = tmp_path / "draft.txt"
    draft.write_text((root / "b.txt").read_text(encoding="utf-8"), encoding="utf-8")
    check = runner.invoke(cli, [*base, "check", str(draft), "--json", "--any-date"])
    nearest_terms = [t for n in json.loads(check.output)["nearest"] for t in n["shared_terms"]]
    assert nearest_terms and CROSSED not in nearest_terms


WORDS = st.sampled_from(["rights", "north", "camps", "release", "prisoners", "council", "aid"])
PARAGRAPHS = st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=5)


@settings(max_examples=100, deadline=None)
@given(st.lists(PARAGRAPHS, min_size=1, max_size=4))
def test_every_bigram_stands_inside_one_paragraph(corpus):
    texts = ["\n\n".join(paragraphs) for paragraphs in corpus]
    index = CorpusIndex.fit(texts, [str(n) for n in range(len(texts))])
    inside = {
        f"{a} {b}"
        for paragraphs in corpus
        for paragraph in paragraphs
        for a, b in zip(paragraph.split(), paragraph.split()[1:], strict=False)
    }
    assert {t for t in index.terms if " " in t} <= inside
    for text in texts:
        assert {t for t in index.analyze(text) if " " in t} <= inside
