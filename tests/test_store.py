"""The letter store (compare/store): a sync reads only new and changed files, and what it
holds always equals a store built afresh from the same folder and the corpus fitted whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compare.pipeline as pipeline
import compare.store.update as update
from compare.cli import cli
from compare.index import CorpusIndex
from compare.nearduplicates import near_duplicates
from compare.pipeline import open_cache, store_folder, sync_store
from compare.similarity import fit_letters, letter_text
from compare.store import StoreError, open_snapshot

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SUBJECTS = [
    ("bridges", "repair the old bridges before the autumn floods reach the valley towns"),
    ("libraries", "keep the public libraries open every evening for students and readers"),
    ("rivers", "stop the factories pouring untreated waste into the rivers and wetlands"),
    ("schools", "fund school meals for every child in the poorest districts this winter"),
    ("clinics", "staff the rural clinics with trained nurses and midwives all year round"),
]


def crafted(subject: int, variant: int = 0) -> str:
    """A small well-formed letter on one subject; ``variant`` rewords one sentence."""
    name, ask = SUBJECTS[subject]
    extra = f" We add point number {variant} about the {name} committee." if variant else ""
    return (
        f"Open letter on {name}\n\n{subject + 3} May 2021\n\nTo: the Minister\n\n"
        f"Dear Minister,\n\nWe write about {name} in our region. We urge you to {ask}.{extra}\n\n"
        f"Local groups have asked for this for years, and the {name} budget has fallen.\n\n"
        f"Sincerely,\n\n{name.capitalize()} Action Network\n"
    )


def make_folder(path: Path, with_seeds: bool = True) -> Path:
    if with_seeds:
        shutil.copytree(SEEDS, path)
    else:
        path.mkdir()
    for n in range(3):
        (path / f"crafted_{n}.txt").write_text(crafted(n), encoding="utf-8")
    return path


def fresh(folder: Path, cache_dir: Path, taxonomy):
    """A store built afresh from ``folder`` in its own cache."""
    shutil.rmtree(cache_dir, ignore_errors=True)
    snapshot, _ = sync_store(folder, taxonomy, open_cache(cache_dir))
    return snapshot


def nearest_of(search, text: str, top: int = 4):
    return search.nearest(search.vector(text), top, key="q")


def assert_same(snapshot, other, taxonomy) -> None:
    """Two stores hold the same corpus, and both answer as the corpus fitted whole."""
    assert snapshot.keys == other.keys
    assert snapshot.digest == other.digest
    letters = list(snapshot.letters())
    assert letters == list(other.letters())
    fitted = fit_letters(letters)
    drafts = [letter_text(x) for x in letters[:4]] + [crafted(4), crafted(1, variant=2)]
    for text in drafts:
        expected = fitted.nearest(fitted.vector(text), 4, key="q")
        assert nearest_of(snapshot.search(), text) == expected
        assert nearest_of(other.search(), text) == expected
    mine = near_duplicates(fitted, 0.5, snapshot.signatures()).pairs()
    assert mine == near_duplicates(fitted, 0.5, other.signatures()).pairs()
    assert mine == near_duplicates(fitted, 0.5).pairs()


@pytest.fixture
def reads(monkeypatch):
    """The paths each sync reads (new and changed files), one list per sync."""
    found: list[list[str]] = []
    original = pipeline._read_through

    def recording(files, *args, **kwargs):
        found.append(sorted(p.name for p in files))
        return original(files, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_read_through", recording)
    return found


def test_adding_changing_and_deleting_a_file_reads_only_it_and_equals_a_fresh_build(
    tmp_path, taxonomy, reads
):
    folder = make_folder(tmp_path / "corpus")
    cache = open_cache(tmp_path / "cache")
    first, built = sync_store(folder, taxonomy, cache)
    assert built.added == len(list(folder.iterdir())) and built.generation == 1
    old_segments = first.manifest.segments
    first.close()

    (folder / "crafted_3.txt").write_text(crafted(3), encoding="utf-8")
    added, done = sync_store(folder, taxonomy, cache)
    assert reads[-1] == ["crafted_3.txt"]
    assert (done.added, done.changed, done.deleted) == (1, 0, 0)
    assert added.manifest.segments[: len(old_segments)] == old_segments  # left as they were
    assert_same(added, fresh(folder, tmp_path / "fresh1", taxonomy), taxonomy)

    (folder / "crafted_1.txt").write_text(crafted(1, variant=5), encoding="utf-8")
    changed, done = sync_store(folder, taxonomy, cache)
    assert reads[-1] == ["crafted_1.txt"]
    assert (done.added, done.changed, done.deleted) == (0, 1, 0)
    assert len(changed) == len(added)
    assert_same(changed, fresh(folder, tmp_path / "fresh2", taxonomy), taxonomy)

    (folder / "crafted_0.txt").unlink()
    syncs = len(reads)
    deleted, done = sync_store(folder, taxonomy, cache)
    assert len(reads) == syncs  # nothing read
    assert (done.added, done.changed, done.deleted) == (0, 0, 1)
    assert len(deleted) == len(changed) - 1
    assert not any("bridges" in key for key in deleted.keys)
    assert_same(deleted, fresh(folder, tmp_path / "fresh3", taxonomy), taxonomy)


def test_a_sync_without_changes_commits_nothing_and_a_new_time_alone_reads_nothing(
    tmp_path, taxonomy, reads
):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    sync_store(folder, taxonomy, cache)
    _, again = sync_store(folder, taxonomy, cache)
    assert again.generation == 1
    path = folder / "crafted_2.txt"
    path.write_bytes(path.read_bytes())  # the same bytes, a new modification time
    _, touched = sync_store(folder, taxonomy, cache)
    assert reads[1:] == [] and touched.changed == 0


def test_the_store_search_equals_the_corpus_fitted_whole_on_the_seeds(tmp_path, taxonomy):
    snapshot = fresh(SEEDS, tmp_path / "cache", taxonomy)
    letters = list(snapshot.letters())
    fitted = fit_letters(letters)
    for letter in letters:
        text = letter_text(letter)
        exclude = frozenset({letter.key})
        expected = fitted.nearest(fitted.vector(text), 3, key="q", exclude=exclude)
        search = snapshot.search()
        assert search.nearest(search.vector(text), 3, key="q", exclude=exclude) == expected
    query = snapshot.search().vector("nothing here qqqq")
    assert snapshot.search().nearest(query, 3) == []


def test_small_segments_are_merged_and_the_store_still_equals_a_fresh_build(
    tmp_path, taxonomy, monkeypatch
):
    monkeypatch.setattr(update, "MERGE_FACTOR", 3)
    monkeypatch.setattr(update, "SEGMENT_LETTERS", 4)
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    merged = 0
    for n in range(3, 8):
        (folder / f"crafted_{n}.txt").write_text(crafted(n % 5, variant=n), encoding="utf-8")
        snapshot, done = sync_store(folder, taxonomy, cache)
        merged += done.merged
        assert len(snapshot.segments) < update.MERGE_FACTOR + 1
    assert merged >= 3
    (folder / "crafted_4.txt").unlink()
    snapshot, _ = sync_store(folder, taxonomy, cache)
    assert_same(snapshot, fresh(folder, tmp_path / "fresh", taxonomy), taxonomy)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(["write", "delete"]), st.integers(0, 5), st.integers(0, 3)),
        min_size=1,
        max_size=6,
    )
)
def test_any_sequence_of_edits_leaves_the_store_equal_to_a_fresh_build(
    tmp_path_factory, taxonomy, edits
):
    root = tmp_path_factory.mktemp("edits")
    folder = make_folder(root / "corpus", with_seeds=False)
    cache = open_cache(root / "cache")
    sync_store(folder, taxonomy, cache)
    for action, number, variant in edits:
        path = folder / f"crafted_{number}.txt"
        if action == "write":
            path.write_text(crafted(number % 5, variant), encoding="utf-8")
        elif len(list(folder.iterdir())) > 1:
            path.unlink(missing_ok=True)
        snapshot, _ = sync_store(folder, taxonomy, cache)
    other = fresh(folder, root / "fresh", taxonomy)
    assert snapshot.keys == other.keys and snapshot.digest == other.digest
    for state, new in zip(snapshot.states, snapshot.segments, strict=True):
        live = state.norms[state.norms > 0]
        assert len(live) <= len(new)
    text = crafted(2, variant=1)
    assert nearest_of(snapshot.search(), text) == nearest_of(other.search(), text)


def test_a_reader_keeps_the_commit_it_opened_while_a_writer_commits(tmp_path, taxonomy):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    before, _ = sync_store(folder, taxonomy, cache)
    store = store_folder(cache, folder, taxonomy)
    reader = open_snapshot(store)
    assert reader is not None
    expected_keys, text = reader.keys, crafted(0)
    expected = nearest_of(reader.search(), text)
    for n in range(3, 5):  # two commits: the reader's files were the previous commit's
        (folder / f"crafted_{n}.txt").write_text(crafted(n), encoding="utf-8")
        sync_store(folder, taxonomy, cache)
    assert reader.keys == expected_keys
    assert nearest_of(reader.search(), text) == expected
    assert [x.key for x in reader.letters()] == list(expected_keys)
    after = open_snapshot(store)
    assert after is not None and len(after) == len(reader) + 2


def test_a_writer_that_dies_before_the_manifest_swap_leaves_the_old_commit(
    tmp_path, taxonomy, monkeypatch
):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    sync_store(folder, taxonomy, cache)
    store = store_folder(cache, folder, taxonomy)
    manifest = (store / "manifest.json").read_text()
    (folder / "crafted_3.txt").write_text(crafted(3), encoding="utf-8")

    def dies(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(update, "write_manifest", dies)
    with pytest.raises(KeyboardInterrupt):
        sync_store(folder, taxonomy, cache)
    assert (store / "manifest.json").read_text() == manifest  # new segment, old commit
    snapshot = open_snapshot(store)
    assert snapshot is not None and len(snapshot) == 3
    monkeypatch.undo()
    snapshot, done = sync_store(folder, taxonomy, cache)
    assert done.added == 1 and len(snapshot) == 4
    named = {*snapshot.manifest.segments, snapshot.manifest.state}
    left = {p.name for p in store.iterdir()} - {"manifest.json", "write.lock"}
    assert len(left - named) <= 2  # only the previous commit's files remain beside it


def _damage_indptr(segment: Path) -> None:
    (segment / "indptr.npy").write_bytes(b"not an array")


def _foreign_format(segment: Path) -> None:
    meta = json.loads((segment / "meta.json").read_text())
    meta["format"] = 99
    (segment / "meta.json").write_text(json.dumps(meta))


def _pickled_array(segment: Path) -> None:
    np.save(segment / "counts.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_damage_indptr, "segment cannot be read"),
        (_foreign_format, "segment made with format 99, not 2"),
        (_pickled_array, "segment cannot be read"),
    ],
)
def test_a_damaged_or_foreign_segment_is_refused_clearly_and_rebuilt(
    tmp_path, taxonomy, damage, message, caplog
):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    built, _ = sync_store(folder, taxonomy, cache)
    store = store_folder(cache, folder, taxonomy)
    segment = store / built.manifest.segments[0]
    built.close()
    damage(segment)
    with pytest.raises(StoreError) as refused:
        open_snapshot(store)
    assert message in str(refused.value) and segment.name in str(refused.value)
    assert "\n" not in str(refused.value)
    rebuilt, done = sync_store(folder, taxonomy, cache)
    assert done.added == 3 and "building the store again" in caplog.text
    assert_same(rebuilt, fresh(folder, tmp_path / "fresh", taxonomy), taxonomy)


def test_a_manifest_of_another_format_is_refused(tmp_path, taxonomy):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    sync_store(folder, taxonomy, cache)
    store = store_folder(cache, folder, taxonomy)
    (store / "manifest.json").write_text('{"format": 7}')
    with pytest.raises(StoreError, match="store format 7 is not 2"):
        open_snapshot(store)


def test_the_index_command_builds_then_updates_and_says_what_changed(tmp_path):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    args = ["--cache", str(tmp_path / "cache"), "--corpus", str(folder), "index", "--json"]
    runner = CliRunner()
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert json.loads(first.output) == {
        "generation": 1,
        "letters": 3,
        "files": 3,
        "added": 3,
        "changed": 0,
        "deleted": 0,
        "segments": 1,
        "merged": 0,
    }
    (folder / "crafted_0.txt").unlink()
    second = runner.invoke(cli, args[:-1])
    assert second.exit_code == 0
    first_line, where = second.output.splitlines()
    assert first_line == "2 letters indexed from 2 files: 0 new, 0 changed, 1 removed"
    assert where.startswith(f"index: {tmp_path / 'cache'}")


def test_the_index_command_without_a_cache_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["--no-cache", "--corpus", str(SEEDS), "index"])
    assert result.exit_code == 2
    assert "--no-cache" in result.output


def test_check_through_the_store_sees_a_letter_added_since_the_last_check(tmp_path, taxonomy):
    from compare.corpus import read_letters
    from compare.pipeline import check_against

    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    draft_path = tmp_path / "draft.txt"
    draft_path.write_text(crafted(3, variant=1), encoding="utf-8")
    (draft,) = read_letters(draft_path, taxonomy)
    before, _ = check_against(draft, folder, taxonomy, cache)
    (folder / "crafted_3.txt").write_text(crafted(3), encoding="utf-8")
    after, loaded = check_against(draft, folder, taxonomy, cache)
    assert loaded is None
    assert after.nearest[0].letter.source == "crafted_3.txt"
    assert after.nearest[0].score > before.nearest[0].score
    uncached, _ = check_against(draft, folder, taxonomy, None)
    assert after == uncached


def test_stored_signatures_depend_on_a_letters_terms_not_on_the_others(tmp_path, taxonomy):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    alone = fresh(folder, tmp_path / "a", taxonomy)
    (folder / "crafted_4.txt").write_text(crafted(4), encoding="utf-8")
    more = fresh(folder, tmp_path / "b", taxonomy)
    position = {key: n for n, key in enumerate(more.keys)}
    for n, key in enumerate(alone.keys):
        assert (alone.signatures()[n] == more.signatures()[position[key]]).all()
    assert isinstance(fit_letters(list(more.letters())), CorpusIndex)


# ------------------------------------------------------------- the paragraph index on disk

NAMES = [
    "Water Board",
    "Anna Smith",
    "UN Human Rights Council",
    "Minister von Berg",
    "Ο Δήμος",
    "Jane Smith",
    "Northern Water Board",
]
WORDS = ["repair", "bridges", "water", "board", "smith", "council", "floods", "the", "UN"]


def index_letters() -> list:
    """Crafted letters with shared and own paragraphs and asks, dated, undated and misdated,
    addressed to persons, bodies and nobody."""
    from letters import blank_letter

    from compare.models import Ask, Paragraph

    letters = []
    for n in range(9):
        shared = "We urge the Water Board to repair the bridges before the floods."
        own = f"Letter {n} says the {WORDS[n]} budget of {n} towns has fallen by {n * 7} per cent."
        letters.append(
            blank_letter(
                f"l{n}",
                date=[None, "2021-05-03", "2020-01-01", "not a date", "2021-05-03"][n % 5],
                recipient=NAMES[n % len(NAMES)] if n % 4 else None,
                salutation=f"Dear {['Minister von Berg', 'Ms Smith', 'colleagues'][n % 3]},",
                paragraphs=(
                    Paragraph("heading", f"On {WORDS[n]}"),
                    Paragraph("body", shared if n % 2 else own),
                    Paragraph("body", own + " Ενα ποτάμι."),
                    Paragraph("closing", "Sincerely,"),
                ),
                asks=(Ask(f"We urge you to {WORDS[n]} the {WORDS[-n]} now.", "urge"),),
            )
        )
    return letters


def test_the_paragraph_index_read_back_from_its_folder_answers_as_the_one_written(tmp_path):
    from compare.check.index import ParagraphIndex, draft_words
    from compare.store.paragraphs import open_paragraphs, write_paragraphs

    built = ParagraphIndex.build(index_letters())
    write_paragraphs(tmp_path / "p", built)
    read = open_paragraphs(tmp_path / "p")
    assert read.keys == built.keys and read.dates == built.dates
    assert [a.tolist() for a in read.date_order] == [a.tolist() for a in built.date_order]
    assert list(read.recipients) == list(built.recipients)
    for mine, theirs in ((read.paragraphs, built.paragraphs), (read.asks, built.asks)):
        assert list(mine.texts) == list(theirs.texts)
        assert [tuple(p) for p in mine.places] == list(theirs.places)
        assert [tuple(r) for r in mine.by_letter] == list(theirs.by_letter)
        assert {w: tuple(mine.postings[w]) for w in theirs.postings} == dict(theirs.postings)
        assert len(mine.postings) == len(theirs.postings)
        for text in [*theirs.texts, "no such text", ""]:
            assert mine.ids.get(text) == theirs.ids.get(text)
            assert (text in mine.ids) == (text in theirs.ids)
            assert mine.candidates(text) == theirs.candidates(text)
        assert "nosuchword" not in mine.postings
    assert read.ask_meanings.to_plain()["vocabulary"] == list(built.ask_meanings.vocabulary)
    for words in (["Dear Ms Smith"], ["the Water Board"], [], ["Ο Δήμος"], ["Minister von Berg"]):
        named = draft_words(words)
        assert read.recipients_for(named) == built.recipients_for(named)


def test_a_damaged_or_foreign_paragraph_index_folder_is_refused_and_built_again(tmp_path, taxonomy):
    from compare.check.index import ParagraphIndex
    from compare.corpus import read_letters
    from compare.pipeline import check_against
    from compare.store.paragraphs import open_paragraphs, write_paragraphs

    write_paragraphs(tmp_path / "p", ParagraphIndex.build(index_letters()))
    (tmp_path / "p" / "p_letter_starts.npy").write_bytes(b"not an array")
    with pytest.raises(StoreError, match="p_letter_starts|cannot be read"):
        open_paragraphs(tmp_path / "p")
    meta = tmp_path / "p" / "meta.json"
    meta.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(StoreError, match="format 99"):
        open_paragraphs(tmp_path / "p")
    with pytest.raises(StoreError):
        open_paragraphs(tmp_path / "missing")
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    (draft,) = read_letters(folder / "crafted_1.txt", taxonomy)
    first, _ = check_against(draft, folder, taxonomy, cache)
    (folder_of,) = (cache.folder / "paragraphs").iterdir()
    for array in folder_of.glob("*.npy"):
        array.write_bytes(b"damaged")
    again, _ = check_against(draft, folder, taxonomy, cache)
    assert again == first
    assert open_paragraphs(folder_of).keys == again_keys(folder, taxonomy, cache)


def again_keys(folder: Path, taxonomy, cache) -> tuple[str, ...]:
    snapshot, _ = sync_store(folder, taxonomy, cache)
    try:
        return snapshot.keys
    finally:
        snapshot.close()


def test_a_check_through_the_stored_paragraph_index_equals_an_uncached_check(tmp_path, taxonomy):
    from compare.corpus import read_letters
    from compare.pipeline import check_against

    folder = make_folder(tmp_path / "corpus")
    cache = open_cache(tmp_path / "cache")
    for name in ("crafted_2.txt", *sorted(p.name for p in SEEDS.iterdir())[:3]):
        draft_path = tmp_path / f"draft-{name}"
        text = (folder / name).read_text(encoding="utf-8")
        draft_path.write_text(text.replace("\n\n", "\n\nA new first line here.\n\n", 1), "utf-8")
        try:
            (draft,) = read_letters(draft_path, taxonomy)
        except ValueError:
            continue
        for _ in range(2):  # built, then read from its folder
            stored, _ = check_against(draft, folder, taxonomy, cache)
            assert stored == check_against(draft, folder, taxonomy, None)[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dates=st.lists(
        st.one_of(st.none(), st.sampled_from(["2020-01-01", "2021-05-03", "1999-12-31", "x"])),
        min_size=1,
        max_size=12,
    ),
    near=st.lists(st.integers(0, 11), max_size=4, unique=True),
)
def test_recency_ranks_order_letters_undated_last_latest_first_then_nearer(dates, near):
    from letters import blank_letter

    from compare.check.context import CheckContext
    from compare.check.index import ParagraphIndex, day_number

    letters = [blank_letter(f"k{n}", date=d) for n, d in enumerate(dates)]
    near = [n for n in near if n < len(letters)]
    context = CheckContext(blank_letter("draft"), letters, ParagraphIndex.build(letters), near)
    nearness = {p: n for n, p in enumerate(near)}
    expected = sorted(
        range(len(dates)),
        key=lambda n: (
            dates[n] is None,
            -day_number(dates[n]),
            nearness.get(n, len(near)),
            n,
        ),
    )
    assert [context.rank[n] for n in expected] == list(range(len(dates)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mentioned=st.lists(
        st.sampled_from([*NAMES, *WORDS, "High Representative", "Mr.", "2Smith", "UNHRC"]),
        max_size=10,
    ),
    recipient=st.sampled_from([*NAMES, "Jane Doe"]),
    salutation=st.sampled_from(["Dear Minister Smith,", "Dear friends,", "Dear Water Board,"]),
)
def test_the_addressees_a_draft_can_name_give_the_warnings_all_of_them_give(
    mentioned, recipient, salutation
):
    from letters import blank_letter

    from compare.check.index import ParagraphIndex, draft_words, passage_paragraphs
    from compare.check.recipients import recipient_mismatches
    from compare.check.results import Passage
    from compare.models import Paragraph

    index = ParagraphIndex.build(index_letters())
    text = "We urge the " + " ".join(mentioned) + " to act, as " + " ".join(mentioned[::-1])
    draft = blank_letter(
        "draft",
        recipient=recipient,
        salutation=salutation,
        paragraphs=(Paragraph("body", text), Paragraph("body", "Nothing else.")),
    )
    paragraphs = passage_paragraphs(draft)
    passages = [Passage(p.text, "new", None, None, (), ()) for p in paragraphs]
    labels = [f"¶{n}" for n in range(1, len(paragraphs) + 1)]
    few = index.recipients_for(draft_words([*(p.text for p in paragraphs), salutation]))
    assert len(few) <= len(index.recipients)
    assert recipient_mismatches(draft, few, labels, passages) == recipient_mismatches(
        draft, index.recipients, labels, passages
    )


@given(st.text(max_size=30))
def test_name_words_are_the_words_the_recipient_rule_compares(text):
    from compare.check.index import name_words
    from compare.check.recipients import _word_seq

    assert name_words(text) == _word_seq(text)


def test_a_state_whose_corpus_does_not_fit_its_segments_is_refused_and_rebuilt(tmp_path, taxonomy):
    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    cache = open_cache(tmp_path / "cache")
    built, _ = sync_store(folder, taxonomy, cache)
    keys = built.keys
    store = store_folder(cache, folder, taxonomy)
    state = store / built.manifest.state
    built.close()
    with np.load(state, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["view_letters"] = arrays["view_letters"] + 1
    with state.open("wb") as handle:
        np.savez(handle, **arrays)
    with pytest.raises(StoreError, match="does not fit"):
        open_snapshot(store)
    again, update = sync_store(folder, taxonomy, cache)
    assert again.keys == keys and update.added == len(keys)
    again.close()


def test_the_listing_holds_the_files_the_corpus_reads_with_their_stats(tmp_path):
    from compare.corpus import corpus_files
    from compare.errors import InputError
    from compare.store.listing import Listing, list_folder

    folder = make_folder(tmp_path / "corpus", with_seeds=False)
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (folder / "notes.xyz").write_text("x", encoding="utf-8")
    (folder / "sub.txt").mkdir()
    (folder / "b.md").write_text("# B\n\nText.\n", encoding="utf-8")
    listing = list_folder(folder)
    paths = corpus_files(folder)
    assert [listing.path(n) for n in range(len(listing.names))] == paths
    assert listing.stats == Listing.of_paths(paths).stats
    assert listing.stats[0] == (paths[0].stat().st_size, paths[0].stat().st_mtime_ns)
    with pytest.raises(InputError, match="no such folder"):
        list_folder(tmp_path / "missing")
    with pytest.raises(InputError, match="is not a folder"):
        list_folder(folder / "b.md")
