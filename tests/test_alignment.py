"""Paragraph alignment on crafted pairs, and its invariants under hypothesis."""

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.alignment import NormalizeOptions, align_paragraphs
from compare.worddiff import rebuild

P = [
    "Political prisoners must be released from every camp without delay.",
    "The right to food must be respected, with aid reaching all regions.",
    "Freedom of movement includes the right to leave one's own country.",
    "Abducted foreign nationals must be returned to their families at once.",
    "The pandemic must not serve as a pretext for sealing the border.",
]
OTHER = [
    "Rivers flood the valley every spring and farmers plant rice afterwards.",
    "A new library opened downtown with twelve reading rooms and a café.",
]


def ops(alignment):
    return [block.op for block in alignment.blocks]


def test_identical_letters_are_all_equal():
    assert ops(align_paragraphs(P, P)) == ["equal"] * 5


def test_disjoint_letters_are_deleted_and_inserted():
    assert sorted(ops(align_paragraphs(P[:2], OTHER))) == ["deleted"] * 2 + ["inserted"] * 2


def test_a_reordered_paragraph_is_moved_and_the_rest_equal():
    b = [P[0], P[2], P[3], P[4], P[1]]
    alignment = align_paragraphs(P, b)
    assert ops(alignment).count("moved") == 1
    assert ops(alignment).count("equal") == 4
    moved = next(block for block in alignment.blocks if block.op == "moved")
    assert (moved.a_index, moved.b_index) == (1, 4)


def test_a_moved_and_edited_paragraph_is_moved_with_its_word_diff():
    edited = P[1].replace("all regions", "every province")
    b = [P[0], P[2], P[3], P[4], edited]
    moved = next(block for block in align_paragraphs(P, b).blocks if block.op == "moved")
    assert ("+", "every province") in moved.diff
    assert moved.ratio < 1.0


def test_a_paragraph_split_in_two_is_one_changed_block():
    first, second = P[1].split(", with ")
    b = [P[0], first + ".", "Aid must go " + second, P[2]]
    alignment = align_paragraphs(P[:3], b)
    assert ops(alignment) == ["equal", "changed", "equal"]
    changed = alignment.blocks[1]
    assert (changed.a_count, changed.b_count) == (1, 2)


def test_two_paragraphs_merged_into_one_is_one_changed_block():
    b = [P[0], P[1] + " " + P[2], P[3]]
    alignment = align_paragraphs(P[:4], b)
    assert ops(alignment) == ["equal", "changed", "equal"]
    assert alignment.blocks[1].a_count == 2


def test_insertions_at_start_and_end():
    b = [OTHER[0], *P, OTHER[1]]
    assert ops(align_paragraphs(P, b)) == ["inserted"] + ["equal"] * 5 + ["inserted"]


def test_deletions_stand_where_they_stood_in_the_first_letter():
    alignment = align_paragraphs(P, [P[0], P[2], P[3], P[4]])
    assert ops(alignment) == ["equal", "deleted", "equal", "equal", "equal"]


def test_a_long_letter_against_itself_with_one_word_changed():
    long_letter = [f"{text} Paragraph number {n}." for n, text in enumerate(P * 20)]
    b = list(long_letter)
    b[50] = b[50].replace("released", "freed")
    alignment = align_paragraphs(long_letter, b)
    assert ops(alignment).count("changed") == 1
    changed = next(block for block in alignment.blocks if block.op == "changed")
    assert [span for span in changed.diff if span[0] != "="] == [("-", "released"), ("+", "freed")]


def test_quotes_dashes_and_spacing_are_not_differences():
    a = ["It is the “best” way – really."]
    b = ['It is the  "best" way - really.']
    assert ops(align_paragraphs(a, b)) == ["equal"]


def test_case_and_punctuation_options():
    a, b = ["We urge the Council."], ["we urge the council"]
    assert ops(align_paragraphs(a, b)) == ["changed"]
    options = NormalizeOptions(ignore_case=True, ignore_punctuation=True)
    assert ops(align_paragraphs(a, b, options)) == ["equal"]


def test_pinned_closings_make_the_crossing_paragraph_the_moved_one():
    thanks = "Thank you for your consideration of these matters."
    a = [P[0], P[1], "Sincerely,", thanks]
    b = [P[0], P[1], thanks, "Sincerely,"]
    alignment = align_paragraphs(a, b, a_pins=[2], b_pins=[3])
    moved = [block.a for block in alignment.blocks if block.op == "moved"]
    assert moved == [thanks]


paragraphs = st.lists(st.sampled_from(P + OTHER + ["Short.", "Sincerely,"]), max_size=8)


@settings(max_examples=150, deadline=None)
@given(paragraphs, paragraphs)
def test_every_block_diff_rebuilds_both_texts_and_covers_every_paragraph(a, b):
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


@settings(max_examples=100, deadline=None)
@given(paragraphs)
def test_a_letter_against_itself_is_all_equal(a):
    assert set(ops(align_paragraphs(a, a))) <= {"equal"}


@settings(max_examples=150, deadline=None)
@given(paragraphs, paragraphs)
def test_diff_a_b_mirrors_diff_b_a(a, b):
    forward = align_paragraphs(a, b).counts()
    backward = align_paragraphs(b, a).counts()
    assert forward["equal"] == backward["equal"]
    assert forward["changed"] == backward["changed"]
    assert forward["moved"] == backward["moved"]
    assert forward["inserted"] == backward["deleted"]
    assert forward["deleted"] == backward["inserted"]
