"""The ask graph on disk (compare/store/askgraph.py): opened memory-mapped, it answers as
the graph written, a check through it equals a check through the graph in memory, and the
pipeline builds it again when the corpus changes. Crafted letters, generic wording."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from letters import blank_letter

from compare.check import check_draft
from compare.check.draft import corpus_graph
from compare.corpus import load_corpus, read_letters
from compare.models import Ask, Letter, Paragraph
from compare.pipeline import check_against, open_cache
from compare.store import StoreError
from compare.store.askgraph import open_ask_graph, write_ask_graph
from compare.trends.joining import joined_items, subject_links
from compare.trends.lineage import AskGraph, ask_graph
from compare.trends.subjects import AskSubject, ask_subject, subject_pairs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def ask(text: str, heading: str | None = None) -> Ask:
    return Ask(text=text, verb="urge", heading=heading)


WATER = ask("Groundwater: Publish the monthly readings of every borehole.")
WATER_AGAIN = ask("Publish the monthly readings of every borehole and well.")
NURSES = ask("Raise the pay of rural nurses.")
NURSES_AGAIN = ask("Raise the pay of the rural nurses this year.")
LIBRARY = ask("Open a public library in each market town.")
MEALS = ask("Fund school meals in the dry season.")
BRIDGES = ask("Bridges: Repair the footbridges washed away by the floods.")
ΠΟΤΑΜΙ = ask("Καθαρίστε το ποτάμι της πόλης.")


def letter(key: str, date: str | None, asks: list[Ask], recipient: str = "Minister") -> Letter:
    return blank_letter(
        key,
        date=date,
        recipient=f"{recipient} of Water",
        asks=tuple(asks),
        paragraphs=tuple(Paragraph("body", a.text) for a in asks),
    )


def crafted() -> list[Letter]:
    """Letters of several years, one ask repeated verbatim, copies of one year, an undated
    letter, another addressee, one letter without asks, text outside ASCII."""
    return [
        letter("a", "2018-03-01", [WATER, NURSES, LIBRARY]),
        letter("a-copy", "2018-05-01", [WATER, NURSES, LIBRARY, LIBRARY]),
        letter("b", "2019-03-01", [WATER_AGAIN, NURSES_AGAIN]),
        letter("c", "2020-06-01", [MEALS, BRIDGES, ΠΟΤΑΜΙ], recipient="Mayor"),
        letter("d", None, [NURSES, MEALS]),
        letter("e", "2021-01-01", []),
        letter("f", "2021-02-01", [BRIDGES, WATER_AGAIN]),
    ]


NEAR = [("a", "a-copy")]


def assert_same_graph(read, built: AskGraph) -> None:
    assert list(read.keys) == list(built.keys)
    assert tuple(read.years) == built.years
    assert list(read.items) == list(built.items)
    assert list(read.wording_of) == list(built.wording_of)
    assert dict(read.links) == built.links and len(read.links) == len(built.links)
    assert list(read.subjects) == list(built.subjects)
    assert dict(read.held) == built.held
    assert list(read.addressees) == list(built.addressees)
    assert [list(m) for m in read.members] == built.members
    assert {w: list(o) for w, o in read.neighbours.items()} == {
        w: sorted(o) for w, o in built.neighbours.items()
    }
    assert dict(read.item_at) == built.item_at and len(read.item_at) == len(built.item_at)
    terms = {term for subject in built.subjects for term in subject}
    for term in [*terms, "no such term", ""]:
        assert list(read.items_on(term)) == built.items_on(term)
    for key in [*built.keys, "no such key"]:
        for index in (-1, 0, 1, 2, 3, 4, 99):
            assert read.item_at.get((key, index)) == built.item_at.get((key, index))
    wordings = range(-1, max(built.wording_of, default=-1) + 2)
    for wording in wordings:
        around = built.neighbours.get(wording)
        assert read.neighbours.get(wording) == (sorted(around) if around else None)
        for other in wordings:
            assert read.links.get((wording, other)) == built.links.get((wording, other))


def test_the_ask_graph_read_back_from_its_folder_answers_as_the_one_written(tmp_path):
    built = ask_graph(crafted(), NEAR)
    assert built.links and any(item.also for item in built.items)  # the crafted has both
    write_ask_graph(tmp_path / "g", built)
    assert_same_graph(open_ask_graph(tmp_path / "g"), built)


def test_the_seeds_ask_graph_read_back_answers_as_the_one_written(tmp_path, seeds_corpus):
    built = corpus_graph(seeds_corpus.letters)
    write_ask_graph(tmp_path / "g", built)
    assert_same_graph(open_ask_graph(tmp_path / "g"), built)


def test_an_empty_ask_graph_is_written_and_read(tmp_path):
    built = ask_graph([letter("e", "2021-01-01", [])])
    write_ask_graph(tmp_path / "g", built)
    read = open_ask_graph(tmp_path / "g")
    assert_same_graph(read, built)
    assert joined_items(read, {}) == []


def test_the_mapped_graph_knows_its_letters_in_any_order_and_no_others(tmp_path):
    letters = crafted()
    order = [x.key for x in letters]
    built = ask_graph(letters, NEAR)
    write_ask_graph(tmp_path / "g", built, order)
    read = open_ask_graph(tmp_path / "g")
    assert read.same_letters(order) and read.same_letters(list(reversed(order)))
    assert built.same_letters(order)
    for other in (order[:-1], [*order, "z"], [*order[:-1], "z"]):
        assert not read.same_letters(other) and not built.same_letters(other)


def test_a_check_through_the_mapped_graph_equals_one_through_the_graph_in_memory(tmp_path):
    letters = crafted()
    built = ask_graph(letters, NEAR)
    write_ask_graph(tmp_path / "g", built)
    mapped = open_ask_graph(tmp_path / "g")
    drafts = [
        letter("draft", "2022-03-01", [WATER, MEALS, ask("Plant trees along the river.")]),
        letter("draft", "2022-03-01", [NURSES_AGAIN, BRIDGES], recipient="Mayor"),
        letter("draft", "2019-12-01", [WATER_AGAIN, ΠΟΤΑΜΙ]),
    ]
    for draft in drafts:
        for any_date in (False, True):
            expected = check_draft(draft, letters, lineages=built, any_date=any_date)
            assert check_draft(draft, letters, lineages=mapped, any_date=any_date) == expected
    assert any(a.precedents for a in expected.asks)


def test_a_check_of_a_seed_draft_through_the_mapped_graph_equals_the_one_in_memory(
    tmp_path, seeds_corpus, taxonomy
):
    letters = list(seeds_corpus.letters)
    built = corpus_graph(letters)
    write_ask_graph(tmp_path / "g", built)
    mapped = open_ask_graph(tmp_path / "g")
    checked = 0
    for name in sorted(p.name for p in SEEDS.iterdir())[:4]:
        text = (SEEDS / name).read_text(encoding="utf-8")
        draft_path = tmp_path / f"draft-{name}"
        draft_path.write_text(text.replace("\n\n", "\n\nA new first line.\n\n", 1), "utf-8")
        try:
            (draft,) = read_letters(draft_path, taxonomy)
        except ValueError:
            continue  # a file of several letters
        if not draft.asks:
            continue
        expected = check_draft(draft, letters, lineages=built)
        assert check_draft(draft, letters, lineages=mapped) == expected
        checked += 1
    assert checked >= 2


def old_subject_links(graph: AskGraph, subjects, addressee):
    """subject_links as it was: every corpus ask holding any subject term of the new asks,
    and every term counted (the reference the narrowed reading must equal)."""
    found = [set() for _ in subjects]
    terms = {term for subject in subjects for term in subject.subject}
    candidates = sorted({n for term in terms for n in graph.items_on(term)})
    if not candidates:
        return found
    held = dict(graph.held)
    for subject in subjects:
        for term in subject.terms:
            if term in terms:
                held[term] = held.get(term, 0) + 1
    items = graph.items
    theirs = [AskSubject(graph.subjects[n], graph.subjects[n]) for n in candidates]
    pairs = subject_pairs(
        [*theirs, *subjects],
        [*(items[n].group for n in candidates), *([-1] * len(subjects))],
        [*(graph.addressees[items[n].letter] for n in candidates), *([addressee] * len(subjects))],
        held=held,
        total=len(items) + len(subjects),
    )
    for i, j in pairs:
        if i < len(candidates) <= j:
            found[j - len(candidates)].add(candidates[i])
    return found


@pytest.fixture(scope="module")
def seed_graphs(tmp_path_factory, seeds_corpus):
    letters = [*seeds_corpus.letters, *crafted()]
    built = corpus_graph(letters)
    folder = tmp_path_factory.mktemp("graph") / "g"
    write_ask_graph(folder, built)
    texts = sorted({a.text for x in letters for a in x.asks})
    return built, open_ask_graph(folder), texts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_new_asks_subject_links_and_lineage_are_the_same_in_memory_mapped_and_unnarrowed(
    seed_graphs, data
):
    built, mapped, texts = seed_graphs
    chosen = data.draw(st.lists(st.sampled_from(texts), min_size=1, max_size=4))
    headings = data.draw(st.lists(st.sampled_from([None, "Water", "Rights"]), min_size=4))
    subjects = [ask_subject(t, h) for t, h in zip(chosen, headings, strict=False)]
    who = data.draw(st.sampled_from([frozenset(), *{a for a in built.addressees if a}]))
    expected = old_subject_links(built, subjects, who)
    assert subject_links(built, subjects, who) == expected
    assert subject_links(mapped, subjects, who) == expected
    items = len(built.items)
    links = data.draw(st.dictionaries(st.integers(0, items - 1), st.floats(0.3, 1.0), max_size=5))
    assert joined_items(mapped, links) == joined_items(built, links)


def corpus_folder(path: Path) -> Path:
    path.mkdir()
    for n, (subject, demand) in enumerate(
        [
            ("wells", "publish the monthly readings of every borehole and well"),
            ("nurses", "raise the pay of rural nurses and midwives"),
            ("wells", "publish the monthly readings of every borehole"),
        ]
    ):
        (path / f"letter_{n}.txt").write_text(
            f"Open letter on {subject}\n\n{n + 3} May 202{n}\n\nTo: the Minister of Water\n\n"
            f"Dear Minister,\n\nWe write about the {subject} of our region. We urge you to "
            f"{demand}.\n\nLocal groups have asked for this for years.\n\nSincerely,\n\n"
            f"The {subject.capitalize()} Network\n",
            encoding="utf-8",
        )
    return path


def draft_letter(tmp_path: Path, taxonomy) -> Letter:
    path = tmp_path / "draft.txt"
    path.write_text(
        "Open letter on wells\n\n3 May 2024\n\nTo: the Minister of Water\n\nDear Minister,\n\n"
        "We urge you to publish the monthly readings of every borehole and spring.\n\n"
        "Sincerely,\n\nThe Wells Network\n",
        encoding="utf-8",
    )
    (draft,) = read_letters(path, taxonomy)
    assert draft.asks
    return draft


def graph_folders(cache) -> list[Path]:
    return sorted(p for p in (cache.folder / "ask-graphs").iterdir() if p.is_dir())


def test_the_pipeline_opens_the_graph_mapped_and_builds_it_again_when_the_corpus_changes(
    tmp_path, taxonomy
):
    folder = corpus_folder(tmp_path / "corpus")
    cache = open_cache(tmp_path / "cache")
    draft = draft_letter(tmp_path, taxonomy)
    first, _ = check_against(draft, folder, taxonomy, cache)  # built and written
    (written,) = graph_folders(cache)
    assert check_against(draft, folder, taxonomy, cache)[0] == first  # read mapped
    assert first == check_against(draft, folder, taxonomy, None)[0]
    assert any(a.precedents for a in first.asks)
    shutil.copy(folder / "letter_0.txt", folder / "letter_9.txt")
    text = (folder / "letter_9.txt").read_text(encoding="utf-8")
    (folder / "letter_9.txt").write_text(text.replace("2020", "2023"), encoding="utf-8")
    changed, _ = check_against(draft, folder, taxonomy, cache)
    assert changed == check_against(draft, folder, taxonomy, None)[0]
    assert changed != first  # the new letter is a precedent
    new = [p for p in graph_folders(cache) if p != written]
    assert len(new) == 1
    keys = {x.key for x in load_corpus(folder, taxonomy).letters}
    assert set(open_ask_graph(new[0]).keys) == keys


def test_a_damaged_or_foreign_ask_graph_folder_is_refused_and_built_again(tmp_path, taxonomy):
    write_ask_graph(tmp_path / "g", ask_graph(crafted(), NEAR))
    (tmp_path / "g" / "link_other.npy").write_bytes(b"not an array")
    with pytest.raises(StoreError, match="cannot be read"):
        open_ask_graph(tmp_path / "g")
    (tmp_path / "g" / "meta.json").write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(StoreError, match="format 99"):
        open_ask_graph(tmp_path / "g")
    with pytest.raises(StoreError):
        open_ask_graph(tmp_path / "missing")
    folder = corpus_folder(tmp_path / "corpus")
    cache = open_cache(tmp_path / "cache")
    draft = draft_letter(tmp_path, taxonomy)
    first, _ = check_against(draft, folder, taxonomy, cache)
    (written,) = graph_folders(cache)
    for array in written.glob("*.npy"):
        array.write_bytes(b"damaged")
    assert check_against(draft, folder, taxonomy, cache)[0] == first
    open_ask_graph(written)  # written again whole
