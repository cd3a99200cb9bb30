"""Word-level differences between two texts — the only module that imports diff-match-patch.

In: two strings. Out: a list of ``(op, text)`` spans with ``op`` in ``"="``, ``"-"``, ``"+"``;
the ``=`` and ``-`` spans rebuild the first text, the ``=`` and ``+`` spans the second.

Texts are cut into tokens (:func:`compare.text.tokens`: a word, a run of white space, or one
other character), each token is mapped to one private character, diff-match-patch diffs those
characters, and the result is mapped back — so an edit is always whole words, never half a word
as in character mode. Tokens are compared by :func:`compare.text.fold` (ligatures, full-width
forms, soft hyphens and zero-width characters, curly quotes and dashes are no difference), the
same normalisation the paragraph alignment calls ``equal`` by; an ``=`` span holds the second
text's characters, so the ``=`` and ``+`` spans rebuild the second text exactly and the ``=``
and ``-`` spans the first one up to those foldings (exactly when it has none that differ).
``Diff_Timeout`` is 0 (no deadline): the result depends only on the texts, never on how fast
the machine is; diff-match-patch's default one-second deadline can silently return one
replace-everything span on long texts. No other limit is applied.
"""

from __future__ import annotations

from typing import Literal

from compare.text import fold, tokens, words

DiffOp = Literal["=", "-", "+"]
_OPS: dict[int, DiffOp] = {0: "=", -1: "-", 1: "+"}
_SURROGATES = 0xE000 - 0xD800


def _encode(cut: list[str], codes: dict[str, str], folded: dict[str, str]) -> str:
    """One character per token, equal for tokens that :func:`~compare.text.fold` alike."""
    chars = []
    for token in cut:
        key = folded.get(token)
        if key is None:
            key = folded[token] = fold(token)
        code = codes.get(key)
        if code is None:
            # The encoded strings hold only these codes, so any code point serves; skip the
            # surrogates, which are not characters.
            number = 1 + len(codes)
            code = chr(number if number < 0xD800 else number + _SURROGATES)
            codes[key] = code
        chars.append(code)
    return "".join(chars)


def word_diff(a: str, b: str, cleanup: bool = True) -> list[tuple[DiffOp, str]]:
    """The word-level diff of ``a`` to ``b`` (see the module docstring).

    ``cleanup`` runs diff-match-patch's semantic clean-up, which merges tiny equalities
    caught between edits ("the" kept inside a rewritten clause) into the edits around them,
    so a reworded phrase reads as one deletion and one insertion.
    """
    from diff_match_patch import diff_match_patch

    codes: dict[str, str] = {}
    folded: dict[str, str] = {}
    a_tokens, b_tokens = tokens(a), tokens(b)
    a_chars, b_chars = _encode(a_tokens, codes, folded), _encode(b_tokens, codes, folded)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(a_chars, b_chars, False)
    if cleanup:
        engine.diff_cleanupSemantic(diffs)
    spans: list[tuple[DiffOp, str]] = []
    a_at = b_at = 0
    for op, chars in diffs:
        if op == -1:
            text = "".join(a_tokens[a_at : a_at + len(chars)])
            a_at += len(chars)
        else:  # an equality shows the second text's characters
            text = "".join(b_tokens[b_at : b_at + len(chars)])
            b_at += len(chars)
            a_at += len(chars) if op == 0 else 0
        if spans and spans[-1][0] == _OPS[op]:
            spans[-1] = (spans[-1][0], spans[-1][1] + text)
        elif text:
            spans.append((_OPS[op], text))
    return spans


def rebuild(spans: list[tuple[DiffOp, str]], side: Literal["a", "b"]) -> str:
    """The text of one side of a diff: ``a`` from ``=`` and ``-``, ``b`` from ``=`` and ``+``."""
    keep = {"=", "-"} if side == "a" else {"=", "+"}
    return "".join(text for op, text in spans if op in keep)


def count_words(spans: list[tuple[DiffOp, str]]) -> tuple[int, int]:
    """(words added, words removed) in a diff."""
    added = sum(len(words(t)) for op, t in spans if op == "+")
    removed = sum(len(words(t)) for op, t in spans if op == "-")
    return added, removed
