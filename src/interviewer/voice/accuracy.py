"""Word error rate, for measuring transcription on known sentences (tests, bench)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_NOT_WORD = re.compile(r"[^a-z0-9' ]+")


def words(text: str) -> list[str]:
    """Lower case, punctuation and hyphens dropped: "XLOOKUP," and "xlookup" are one word."""
    return _NOT_WORD.sub(" ", text.lower().replace("-", " ")).split()


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Substitutions + deletions + insertions turning the reference into the hypothesis."""
    row = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        previous, row[0] = row[:], i
        for j, hyp in enumerate(hypothesis, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ref != hyp))
    return row[-1]


def word_error_rate(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    """Errors over all reference words, pooled across the sentences."""
    errors = sum(
        edit_distance(words(r), words(h)) for r, h in zip(references, hypotheses, strict=True)
    )
    total = sum(len(words(r)) for r in references)
    return errors / total if total else 0.0
