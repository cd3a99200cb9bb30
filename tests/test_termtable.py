"""A compact term table is the tuple of its terms: same items, order, search and storage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.index import CorpusIndex
from compare.similarity import fit_letters
from compare.termtable import TermTable

WORDS = st.lists(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("ab z")),
            st.sampled_from(["é", "人", "\0", "\ud800", "😀"]),
        ),
        max_size=6,
    ),
    unique=True,
    max_size=30,
).map(sorted)


@given(WORDS)
def test_a_table_reads_back_every_term_in_order(terms):
    table = TermTable.of(terms)
    assert len(table) == len(terms)
    assert list(table) == terms and table == tuple(terms) and tuple(terms) == table
    assert [table[n] for n in range(len(terms))] == terms
    assert table[1:3] == tuple(terms[1:3]) and (not terms or table[-1] == terms[-1])
    again = TermTable.from_arrays(*table.to_arrays())
    assert again == table and list(again) == terms


@given(WORDS, st.text(alphabet=st.sampled_from(list("ab z人\0")), max_size=4))
def test_find_gives_the_column_of_a_term_and_none_for_others(terms, other):
    table = TermTable.of(terms)
    for column, term in enumerate(terms):
        assert table.find(term) == column and term in table
    assert table.find(other) == (terms.index(other) if other in terms else None)


def test_an_index_out_of_range_and_offsets_that_do_not_fit_are_errors():
    table = TermTable.of(["a", "b"])
    with pytest.raises(IndexError):
        table[2]
    with pytest.raises(ValueError, match="offsets"):
        TermTable.from_arrays(*TermTable.of(["a"]).to_arrays()[:1], [0, 5])
    assert table != TermTable.of(["a", "c"]) and table != ("a",)


def test_a_fitted_index_holds_a_table_and_stores_it_as_arrays(seeds_corpus):
    index = fit_letters(list(seeds_corpus.letters))
    assert isinstance(index.terms, TermTable)
    plain = index.to_plain()
    assert set(plain["terms"]) == {"utf8", "starts"}
    again = CorpusIndex.from_plain(plain)
    assert again.terms == index.terms and again.all_pairs() == index.all_pairs()
    older = {**plain, "terms": list(index.terms)}  # as stored before: a list of strings
    assert CorpusIndex.from_plain(older).all_pairs() == index.all_pairs()
    text = "political prisoners must be released"
    assert again.vector(text)[0].tolist() == CorpusIndex.from_plain(older).vector(text)[0].tolist()
