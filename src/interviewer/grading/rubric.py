"""Key-point coverage: which ideas of the reference an answer states, and where."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from interviewer.banks.schema import KeyPoint, Misconception
from interviewer.grading.text import Token, tokenize

NEGATION_LOOKBACK = 3
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
QUOTE_MAX_CHARS = 140


@dataclass(frozen=True)
class Phrase:
    stems: tuple[str, ...]
    negated: bool
    single_word: str | None = None

    @classmethod
    def parse(cls, text: str) -> Phrase:
        tokens = tokenize(text)
        words = [t for t in tokens if t.is_content] or [t for t in tokens if not t.is_negation]
        stems = tuple(dict.fromkeys(t.stem for t in words))
        negated = sum(t.is_negation for t in tokens) % 2 == 1
        single = words[0].raw if len(stems) == 1 else None
        return cls(stems, negated, single)


@lru_cache(maxsize=16384)
def phrase(text: str) -> Phrase:
    return Phrase.parse(text)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int


def _same_word(a: str, b: str) -> bool:
    """Equal stems, or a small spelling slip in a longer word."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return Levenshtein.normalized_similarity(a, b) >= 0.8


def _positions(tokens: Sequence[Token], stem: str, raw: str | None = None) -> list[int]:
    """Where a word occurs; a one-word phrase also needs the surface forms to be close, so that
    stemming alone cannot make "depends" count as "dependents"."""
    return [
        i
        for i, t in enumerate(tokens)
        if _same_word(t.stem, stem)
        and (raw is None or Levenshtein.normalized_similarity(t.raw, raw) >= 0.75)
    ]


def _needed(count: int) -> int:
    return count if count <= 2 else math.ceil(0.6 * count)


def _best_window(occurrences: list[list[int]], needed: int) -> tuple[int, int] | None:
    """Smallest token span holding at least `needed` different phrase words."""
    events = sorted((pos, which) for which, plist in enumerate(occurrences) for pos in plist)
    counts: dict[int, int] = {}
    best: tuple[int, int] | None = None
    left = 0
    for pos, which in events:
        counts[which] = counts.get(which, 0) + 1
        while len(counts) >= needed:
            start = events[left][0]
            if best is None or pos - start < best[1] - best[0]:
                best = (start, pos)
            lwhich = events[left][1]
            counts[lwhich] -= 1
            if not counts[lwhich]:
                del counts[lwhich]
            left += 1
    return best


def find_phrase(tokens: Sequence[Token], phrase: Phrase, *, strict: bool = False) -> Hit | None:
    """Where the phrase's words stand close together, with the phrase's polarity.

    Strict matching (for misconceptions, which cost points) needs every word in a tight window.
    """
    if not phrase.stems or (strict and len(phrase.stems) < 2):
        return None
    occurrences = [_positions(tokens, s, phrase.single_word) for s in phrase.stems]
    needed = len(phrase.stems) if strict else _needed(len(phrase.stems))
    if sum(1 for o in occurrences if o) < needed:
        return None
    window = _best_window([o for o in occurrences if o], needed)
    if window is None:
        return None
    start, end = window
    span_limit = len(phrase.stems) + 2 if strict else 3 * len(phrase.stems) + 4
    if end - start + 1 > span_limit:
        return None
    lookback = tokens[max(0, start - NEGATION_LOOKBACK) : end + 1]
    negated = sum(t.is_negation for t in lookback) % 2 == 1
    if negated != phrase.negated:
        return None
    return Hit(start, end)


def _same_sentence(text: str, a: Token, b: Token) -> bool:
    return not _SENTENCE_BREAK.search(text, min(a.end, b.end), max(a.start, b.start))


def quote(text: str, tokens: Sequence[Token], hit: Hit) -> str:
    """The candidate's own words around a hit: two words of context either side, never
    reaching into the next or the previous sentence."""
    first = hit.start
    while first > max(0, hit.start - 2) and _same_sentence(text, tokens[first - 1], tokens[first]):
        first -= 1
    last = hit.end
    top = min(len(tokens) - 1, hit.end + 2)
    while last < top and _same_sentence(text, tokens[last], tokens[last + 1]):
        last += 1
    snippet = text[tokens[first].start : tokens[last].end]
    if len(snippet) > QUOTE_MAX_CHARS:
        snippet = text[tokens[hit.start].start : tokens[hit.end].end][:QUOTE_MAX_CHARS]
    return " ".join(snippet.split())


@dataclass(frozen=True)
class PointMatch:
    point: KeyPoint
    quote: str | None

    @property
    def covered(self) -> bool:
        return self.quote is not None


def match_key_points(
    text: str, tokens: Sequence[Token], points: Sequence[KeyPoint]
) -> list[PointMatch]:
    matches: list[PointMatch] = []
    for point in points:
        found: str | None = None
        for phrasing in (point.point, *point.alternatives):
            hit = find_phrase(tokens, phrase(phrasing))
            if hit is not None:
                found = quote(text, tokens, hit)
                break
        matches.append(PointMatch(point, found))
    return matches


def find_misconceptions(
    text: str, tokens: Sequence[Token], misconceptions: Sequence[Misconception]
) -> list[tuple[Misconception, str]]:
    found: list[tuple[Misconception, str]] = []
    for wrong in misconceptions:
        for phrasing in (wrong.claim, *wrong.alternatives):
            hit = find_phrase(tokens, phrase(phrasing), strict=True)
            if hit is not None:
                found.append((wrong, quote(text, tokens, hit)))
                break
    return found


def coverage(matches: Sequence[PointMatch]) -> float:
    total = sum(m.point.weight for m in matches)
    if not total:
        return 0.0
    return sum(m.point.weight for m in matches if m.covered) / total
