"""Paragraph alignment of lists of near-identical items: exact matches anchor first, a
dropped and an added item are deleted + inserted (never a chain of ``changed`` blocks), a
reordered list is moves, an item edited in place stays ``changed``."""

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.alignment import align_paragraphs
from compare.worddiff import rebuild

RATIFY = "The Government of {} to ratify the Convention on Transboundary Watercourses."
THANKS = "We thank {} for the testimony given before the regional water committee."
JOINS = "{} joins this call for clean water in every village of the basin."
SIX = ["Angola", "Benin", "Chad", "Kenya", "Mali", "Niger"]
WITHOUT_KENYA_WITH_EGYPT = ["Angola", "Benin", "Chad", "Mali", "Niger", "Egypt"]
PEOPLE = [
    "Dr. Amara Osei",
    "Prof. Lena Ortiz",
    "Ms. Ruth Adeyemi",
    "Mr. Tomas Lind",
    "Dr. Ines Kahn",
]
ORGANISATIONS = [
    "Delta Water Trust",
    "Green Valley Network",
    "Hill Farmers Union",
    "Lake Watch",
    "Coastal Fishers Association",
]
INTRO = "Dear Ministers, we write about the shared rivers of the region and their future."
OUTRO = "We look forward to your reply and stand ready to meet at your convenience."


def items(template: str, names: list[str]) -> list[str]:
    return [template.format(name) for name in names]


def ops(alignment):
    return [block.op for block in alignment.blocks]


def texts(alignment, op, side):
    return [getattr(block, side) for block in alignment.blocks if block.op == op]


def test_a_dropped_and_an_appended_list_item_are_deleted_and_inserted():
    a = [INTRO, *items(RATIFY, SIX), OUTRO]
    b = [INTRO, *items(RATIFY, WITHOUT_KENYA_WITH_EGYPT), OUTRO]
    alignment = align_paragraphs(a, b)
    assert ops(alignment) == ["equal"] * 4 + ["deleted"] + ["equal"] * 2 + ["inserted", "equal"]
    assert texts(alignment, "deleted", "a") == [RATIFY.format("Kenya")]
    assert texts(alignment, "inserted", "b") == [RATIFY.format("Egypt")]


def test_the_mirror_adds_the_dropped_item_and_drops_the_appended_one():
    a = items(RATIFY, WITHOUT_KENYA_WITH_EGYPT)
    alignment = align_paragraphs(a, items(RATIFY, SIX))
    assert alignment.counts() == {
        "equal": 5,
        "changed": 0,
        "inserted": 1,
        "deleted": 1,
        "moved": 0,
    }
    assert texts(alignment, "inserted", "b") == [RATIFY.format("Kenya")]
    assert texts(alignment, "deleted", "a") == [RATIFY.format("Egypt")]


def test_a_person_replaced_in_the_middle_of_a_list_is_deleted_and_inserted():
    b = list(PEOPLE)
    b[2] = "Mr. Karim Haddad"
    alignment = align_paragraphs(items(THANKS, PEOPLE), items(THANKS, b))
    assert alignment.counts()["equal"] == 4
    assert texts(alignment, "deleted", "a") == [THANKS.format("Ms. Ruth Adeyemi")]
    assert texts(alignment, "inserted", "b") == [THANKS.format("Mr. Karim Haddad")]
    assert ops(alignment)[:2] == ["equal", "equal"]


def test_an_organisation_dropped_and_another_added_elsewhere_is_deleted_and_inserted():
    b = ["River Youth Forum", *ORGANISATIONS[:1], *ORGANISATIONS[2:]]
    alignment = align_paragraphs(items(JOINS, ORGANISATIONS), items(JOINS, b))
    counts = alignment.counts()
    assert (counts["equal"], counts["deleted"], counts["inserted"]) == (4, 1, 1)
    assert counts["changed"] == counts["moved"] == 0


def test_one_of_repeated_identical_paragraphs_removed_is_one_deletion():
    repeated = "Water is life."
    a = [INTRO, repeated, repeated, repeated, OUTRO]
    b = [INTRO, repeated, repeated, OUTRO]
    assert align_paragraphs(a, b).counts() == {
        "equal": 4,
        "changed": 0,
        "inserted": 0,
        "deleted": 1,
        "moved": 0,
    }


def test_one_of_two_copies_edited_is_changed_not_deleted_and_inserted():
    copy = RATIFY.format("Kenya")
    edited = copy.replace("to ratify", "to sign and ratify")
    alignment = align_paragraphs([copy, copy], [copy, edited])
    assert ops(alignment) == ["equal", "changed"]


def test_a_list_item_edited_in_place_stays_changed():
    b = items(RATIFY, SIX)
    b[3] = b[3].replace("to ratify the Convention", "to sign and fully implement the Convention")
    alignment = align_paragraphs(items(RATIFY, SIX), b)
    assert ops(alignment) == ["equal"] * 3 + ["changed"] + ["equal"] * 2
    changed = alignment.blocks[3]
    assert ("-", "ratify") in changed.diff
    assert "Kenya" in changed.a and "Kenya" in changed.b


def test_the_exact_twin_wins_over_a_closer_positional_near_match():
    # B's first item sits where Kenya stood, but it is Mali's exact twin.
    a = items(RATIFY, ["Kenya", "Mali"])
    b = items(RATIFY, ["Mali", "Egypt"])
    alignment = align_paragraphs(a, b)
    assert alignment.counts()["changed"] == 0
    (equal,) = [block for block in alignment.blocks if block.op == "equal"]
    assert (equal.a_index, equal.b_index) == (1, 0)


def test_a_reordered_list_of_near_identical_items_is_moves_not_changes():
    b = items(RATIFY, ["Benin", "Angola", "Mali", "Chad", "Niger", "Kenya"])
    alignment = align_paragraphs(items(RATIFY, SIX), b)
    counts = alignment.counts()
    assert counts["changed"] == counts["inserted"] == counts["deleted"] == 0
    assert counts["equal"] == 3  # a longest in-order chain, e.g. Angola, Mali, Niger
    assert counts["moved"] == 3


# ----------------------------------------------------------------------------- properties

NAMES = SIX + ["Egypt", "Ghana", "Togo", "Sudan", "Gabon", "Malawi"]
DISTINCT = items(RATIFY, NAMES) + items(THANKS, PEOPLE) + [INTRO, OUTRO, "Water is life."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(DISTINCT), unique=True, max_size=10), st.randoms())
def test_shuffled_distinct_items_are_only_equal_and_moved(a, random):
    b = list(a)
    random.shuffle(b)
    alignment = align_paragraphs(a, b)
    assert set(ops(alignment)) <= {"equal", "moved"}
    assert len(alignment.blocks) == len(a)
    for block in alignment.blocks:
        assert block.a == block.b


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(NAMES[:-1]), unique=True, min_size=2, max_size=10),
    st.data(),
)
def test_one_item_dropped_and_a_new_one_added_anywhere_is_one_deletion_and_one_insertion(
    names, data
):
    dropped = data.draw(st.integers(0, len(names) - 1))
    kept = names[:dropped] + names[dropped + 1 :]
    where = data.draw(st.integers(0, len(kept)))
    b = kept[:where] + [NAMES[-1]] + kept[where:]
    alignment = align_paragraphs(items(RATIFY, names), items(RATIFY, b))
    assert alignment.counts() == {
        "equal": len(names) - 1,
        "changed": 0,
        "inserted": 1,
        "deleted": 1,
        "moved": 0,
    }


NEAR = items(RATIFY, NAMES[:5]) + [
    RATIFY.format("Kenya").replace("ratify", "sign"),
    INTRO,
    "Water is life.",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NEAR), max_size=8), st.lists(st.sampled_from(NEAR), max_size=8))
def test_near_identical_lists_rebuild_both_texts_and_mirror(a, b):
    alignment = align_paragraphs(a, b)
    for block in alignment.blocks:
        assert rebuild(list(block.diff), "a") == (block.a or "")
        assert rebuild(list(block.diff), "b") == (block.b or "")
    covered_a = sorted(
        i
        for bl in alignment.blocks
        if bl.a_index is not None
        for i in range(bl.a_index, bl.a_index + bl.a_count)
    )
    covered_b = sorted(
        j
        for bl in alignment.blocks
        if bl.b_index is not None
        for j in range(bl.b_index, bl.b_index + bl.b_count)
    )
    assert covered_a == list(range(len(a)))
    assert covered_b == list(range(len(b)))
    # Between equally good choices (which copy of a repeated item anchors) near pairs may
    # differ from the mirror's; the exact matches never do.
    backward = align_paragraphs(b, a)
    assert exact_blocks(alignment) == exact_blocks(backward)


def exact_blocks(alignment):
    """How many blocks are equal, and how many moved without an edit."""
    return (
        alignment.counts()["equal"],
        sum(block.op == "moved" and block.a == block.b for block in alignment.blocks),
    )
