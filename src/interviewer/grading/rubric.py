"""Key-point coverage: which ideas of the reference an answer states, and where."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from interviewer.banks.schema import KeyPoint, Misconception
from interviewer.grading.claims import is_clause
from interviewer.grading.language import NAMED_TERMS
from interviewer.grading.semantic import Vectors, embed, embed_one
from interviewer.grading.text import Token, stem, tokenize

NEGATION_LOOKBACK = 3
NEGATION_SCOPE = 6
_DENIAL = re.compile(
    r"\s*(?:it is|it's|that is|this is) (?:not true|not the case|false|wrong|untrue|a myth) that",
    re.IGNORECASE,
)
"""How far before a matched point a "not" in the same clause still denies it: "It is not true
that the reference shifted"."""
_CLAUSE_BREAK = re.compile(r"[.!?;:]+(?=\s|$)|\n+|,\s|\s(?:but|while|whereas|which)\s")
QUOTE_MAX_CHARS = 140
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
ELLIPSIS = "…"
_LEADING_JOINER = re.compile(r"^(?:and|but|or|so|then|while|whereas|which)\s+(?=\S)", re.IGNORECASE)


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


NAMED_STEMS = frozenset(stem(term) for term in NAMED_TERMS)


@lru_cache(maxsize=65536)
def _same_word(a: str, b: str) -> bool:
    """Equal stems, or a small spelling slip in a longer word."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or (a in NAMED_STEMS and b in NAMED_STEMS):
        return False
    return Levenshtein.normalized_similarity(a, b) >= 0.8


@dataclass(frozen=True)
class _StemIndex:
    exact: dict[str, list[int]]
    by_length: dict[int, list[str]]
    """Stems of five letters or more by length: the only candidates for a spelling slip."""
    found: dict[tuple[str, str | None], list[int]] = field(default_factory=dict)
    """Answers already given: key points, their alternatives and misconceptions share words."""


_INDEXES: OrderedDict[int, tuple[Sequence[Token], _StemIndex]] = OrderedDict()


def _index(tokens: Sequence[Token]) -> _StemIndex:
    """Built once per token list and reused for every phrase looked up in it (the entry holds
    the list itself, so its id cannot be reused while cached)."""
    cached = _INDEXES.get(id(tokens))
    if cached is not None and cached[0] is tokens:
        return cached[1]
    exact: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        exact.setdefault(t.stem, []).append(i)
    by_length: dict[int, list[str]] = {}
    for word in exact:
        if len(word) >= 5:
            by_length.setdefault(len(word), []).append(word)
    index = _StemIndex(exact, by_length)
    _INDEXES[id(tokens)] = (tokens, index)
    while len(_INDEXES) > 64:
        _INDEXES.popitem(last=False)
    return index


def _positions(
    tokens: Sequence[Token], stem: str, raw: str | None = None, index: _StemIndex | None = None
) -> list[int]:
    """Where a word occurs; a one-word phrase also needs the surface forms to be close, so that
    stemming alone cannot make "depends" count as "dependents"."""
    index = index or _index(tokens)
    known = index.found.get((stem, raw))
    if known is None:
        known = index.found[(stem, raw)] = _find(tokens, index, stem, raw)
    return known


def _find(tokens: Sequence[Token], index: _StemIndex, stem: str, raw: str | None) -> list[int]:
    found = list(index.exact.get(stem, ()))
    size = len(stem)
    if size >= 5:
        for length in range(max(5, size - size // 4), size + size // 4 + 1):
            if abs(size - length) * 5 > max(size, length):
                continue
            for other in index.by_length.get(length, ()):
                if other != stem and _same_word(other, stem):
                    found.extend(index.exact[other])
        found.sort()
    if raw is None:
        return found
    return [i for i in found if Levenshtein.normalized_similarity(tokens[i].raw, raw) >= 0.75]


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


def find_phrase(
    tokens: Sequence[Token], phrase: Phrase, *, strict: bool = False, polarity: bool | None = True
) -> Hit | None:
    """Where the phrase's words stand close together; by default only with the phrase's polarity
    (`polarity=None` finds either; the caller reads the polarity in its clause).

    Strict matching (for misconceptions, which cost points) needs every word in a tight window.
    """
    if not phrase.stems or (strict and len(phrase.stems) < 2):
        return None
    index = _index(tokens)
    needed = len(phrase.stems) if strict else _needed(len(phrase.stems))
    spare = len(phrase.stems) - needed
    occurrences: list[list[int]] = []
    for s in phrase.stems:
        found = _positions(tokens, s, phrase.single_word, index)
        if found:
            occurrences.append(found)
        else:
            spare -= 1
            if spare < 0:
                return None  # too many words missing: the rest need not be looked for
    window = _best_window(occurrences, needed)
    if window is None:
        return None
    start, end = window
    span_limit = 2 * len(phrase.stems) + 1 if strict else 3 * len(phrase.stems) + 4
    if end - start + 1 > span_limit:
        return None
    lookback = tokens[max(0, start - NEGATION_LOOKBACK) : end + 1]
    negated = sum(t.is_negation for t in lookback) % 2 == 1
    if polarity is not None and negated != phrase.negated:
        return None
    return Hit(start, end)


def quote(text: str, tokens: Sequence[Token], hit: Hit) -> str:
    """The candidate's own words around a hit (see `span_quote`)."""
    return span_quote(text, tokens[hit.start].start, tokens[hit.end].end)


def span_quote(text: str, start: int, end: int, *, limit: int = QUOTE_MAX_CHARS) -> str:
    """The candidate's words around text[start:end], cut only at a boundary: the whole
    sentence when it fits in `limit` characters, else the clauses around the span, else whole
    words either side of it; an ellipsis marks each side where the sentence goes on."""
    starts, ends = _sentence_ends(text)
    before = bisect_right(ends, start)
    sentence_start = ends[before - 1] if before else 0
    after = bisect_left(starts, end)
    sentence_end = ends[after] if after < len(ends) else len(text)
    first, last = sentence_start, sentence_end
    if len(" ".join(text[first:last].split())) > limit:
        breaks = [m for m in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end)]
        first = max((m.end() for m in breaks if m.end() <= start), default=sentence_start)
        last = min((m.start() for m in breaks if m.start() >= end), default=sentence_end)
    if len(" ".join(text[first:last].split())) > limit:
        first, last = _word_window(text, start, end, first, last, limit)
    if set(text[last:sentence_end].strip()) <= set(".!?"):
        last = sentence_end  # only the sentence's own full stop is left: keep it
    shown = " ".join(text[first:last].split()).strip(" ,;:")
    if text[sentence_start:first].strip():
        shown = ELLIPSIS + _LEADING_JOINER.sub("", shown)
    if text[last:sentence_end].strip(" \n.!?;"):
        shown += ELLIPSIS
    return shown


@lru_cache(maxsize=256)
def _sentence_ends(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each sentence-ending mark of `text` starts and ends, both ascending: an answer
    is quoted once per key point it meets, so its marks are found once."""
    marks = list(_SENTENCE_END.finditer(text))
    return tuple(m.start() for m in marks), tuple(m.end() for m in marks)


def widen_quote(text: str, quoted: str) -> str:
    """Someone else's quote of the answer (an AI grader's) cut at boundaries like ours: the
    sentence or clauses it stands in. Returned as given when it is not in the answer."""
    where = text.lower().find(quoted.strip().lower())
    if where < 0 or not quoted.strip():
        return quoted
    return span_quote(text, where, where + len(quoted.strip()))


def _word_window(
    text: str, start: int, end: int, low: int, high: int, limit: int
) -> tuple[int, int]:
    """Whole words either side of text[start:end], as many as fit in `limit` characters."""
    first, last = start, end
    while True:
        before = text.rfind(" ", low, max(low, first - 1))
        after = text.find(" ", min(high, last + 1), high)
        wider = [
            (b, a)
            for b, a in (
                (low if before < 0 else before + 1, last),
                (first, high if after < 0 else after),
            )
            if (b, a) != (first, last) and a - b <= limit
        ]
        if not wider:
            return first, min(last, first + limit)
        first, last = min(wider, key=lambda span: max(start - span[0], span[1] - end))


RELATIONS: dict[str, str] = {
    "before": "after", "after": "before", "faster": "slower", "slower": "faster",
    "larger": "smaller", "bigger": "smaller", "smaller": "larger", "higher": "lower",
    "lower": "higher", "earlier": "later", "later": "earlier", "above": "below",
    "below": "above",
}  # fmt: skip
_SQL_WORDS = frozenset({"where", "having"})
_OPPOSITES = (
    ("first", "last"), ("left", "right"), ("exact", "approxim"), ("true", "fals"),
    ("absolut", "relat"), ("alway", "never"), ("increas", "decreas"), ("faster", "slower"),
    ("more", "less"), ("row", "column"), ("higher", "lower"), ("sort", "unsort"),
    ("mutabl", "immut"), ("sync", "async"), ("shallow", "deep"), ("befor", "after"),
    ("small", "larg"), ("sampl", "popul"), ("inner", "outer"), ("correl", "causat"),
)  # fmt: skip
OPPOSITE: dict[str, str] = {a: b for a, b in _OPPOSITES} | {b: a for a, b in _OPPOSITES}


def states_opposite(point_stems: Sequence[str], clause: Clause) -> bool:
    """The clause has the opposite of a word the point needs and not the word itself: "the
    last column" against "searches the first column", "exact" against "approximate"."""
    present = {t.stem for t in clause.tokens}
    wanted = set(point_stems)
    return any(stem not in present and OPPOSITE.get(stem) in present - wanted for stem in wanted)


SEMANTIC_MATCH = 0.62
"""Cosine similarity at which a clause of the answer says what a key point says, in other
words. Chosen on the honesty suite's strong paraphrases against its bad answers
(tests/grading/honesty/)."""


@dataclass(frozen=True)
class PointMatch:
    point: KeyPoint
    quote: str | None
    how: str = "words"
    contradiction: str | None = None
    """The candidate's words where the answer states the point's opposite (negated or reversed)."""

    @property
    def covered(self) -> bool:
        return self.quote is not None


@dataclass(frozen=True)
class Clause:
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def negated(self) -> bool:
        """Any negation: "does not search X and does not return Y" denies both."""
        return any(t.is_negation for t in self.tokens)


def split_clauses(text: str, tokens: Sequence[Token]) -> list[Clause]:
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text) + 1]
    starts = [t.start for t in tokens]  # in order: tokens are read left to right
    found: list[Clause] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        inside = tuple(tokens[bisect_left(starts, start) : bisect_left(starts, end)])
        if inside:
            found.append(Clause(" ".join(text[start:end].split()).strip(" ,;"), start, end, inside))
    return found


def _sentence(text: str, clause: Clause) -> str:
    start = max(text.rfind(mark, 0, clause.start + 1) for mark in ".!?\n") + 1
    ends = [i for i in (text.find(mark, clause.end - 1) for mark in ".!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _clause_at(clauses: Sequence[Clause], token: Token) -> Clause | None:
    return next((c for c in clauses if c.start <= token.start < c.end), None)


def relation_of(phrasing: str) -> tuple[tuple[str, ...], str, tuple[str, ...]] | None:
    """A relational point ("WHERE filters rows before grouping") as subject, relation, object."""
    tokens = tokenize(phrasing)
    for i, token in enumerate(tokens):
        if token.raw in RELATIONS:
            subject = tuple(t.stem for t in tokens[:i] if t.is_content or t.raw in _SQL_WORDS)
            obj = tuple(t.stem for t in tokens[i + 1 :] if t.is_content or t.raw in _SQL_WORDS)
            if subject and obj:
                return subject, token.raw, obj
    return None


def _read_relation(
    clause: Clause, relation: tuple[tuple[str, ...], str, tuple[str, ...]]
) -> str | None:
    """ "holds" when the clause puts subject and object around the relation (or around its
    converse the other way round), "reversed" when it swaps their roles."""
    subject, word, obj = relation
    stems = [t.stem for t in clause.tokens]
    raws = [t.raw for t in clause.tokens]

    def where(wanted: tuple[str, ...]) -> list[int]:
        return [i for i, s in enumerate(stems) if any(_same_word(s, w) for w in wanted)]

    subj_at, obj_at = where(subject[:1]), where(obj)
    if not subj_at or not obj_at:
        return None
    for i, raw in enumerate(raws):
        if raw not in (word, RELATIONS[word]):
            continue
        same = raw == word
        subject_first = any(p < i for p in subj_at) and any(p > i for p in obj_at)
        object_first = any(p < i for p in obj_at) and any(p > i for p in subj_at)
        if (same and subject_first) or (not same and object_first):
            return "reversed" if clause.negated else "holds"
        if (same and object_first) or (not same and subject_first):
            return "holds" if clause.negated else "reversed"
    return None


def _clause_quote(text: str, clause: Clause) -> str:
    return span_quote(text, clause.tokens[0].start, clause.tokens[-1].end)


def _match_relation(
    point: KeyPoint, text: str, clauses: Sequence[Clause]
) -> tuple[str | None, str | None] | None:
    relations = [r for r in map(relation_of, (point.point, *point.alternatives)) if r]
    if not relations:
        return None
    contradiction = None
    subject = _named_subject(point)
    for clause in clauses:
        if subject is not None and all(t.stem != subject for t in clause.tokens):
            continue
        for relation in relations:
            reading = _read_relation(clause, relation)
            if reading == "holds":
                return _clause_quote(text, clause), None
            if reading == "reversed":
                contradiction = _clause_quote(text, clause)
    return None, contradiction


def _named_subject(point: KeyPoint, *, relational_only: bool = True) -> str | None:
    """The keyword a point is about ("WHERE" in "WHERE filters rows before grouping"): for a
    relational point its other phrasings count only in a clause that names it, so that saying
    the same of HAVING does not earn the point; for any point, a denial counts against it only
    when it names it ("SD does not shrink" does not deny "SE shrinks")."""
    if relational_only and relation_of(point.point) is None:
        return None
    tokens = tokenize(point.point)
    head = tokens[0] if tokens else None
    return head.stem if head is not None and head.keyword else None


def _match_words(
    point: KeyPoint, text: str, tokens: Sequence[Token], clauses: Sequence[Clause]
) -> tuple[str | None, str | None]:
    contradiction = None
    subject = _named_subject(point)
    denied_subject = _named_subject(point, relational_only=False)
    for phrasing in (point.point, *point.alternatives):
        if relation_of(phrasing) is not None:
            continue
        wanted = phrase(phrasing)
        hit = find_phrase(tokens, wanted, polarity=None)
        if hit is None:
            continue
        clause = _clause_at(clauses, tokens[hit.start])
        if clause is None or not (is_clause(clause.text) or is_clause(_sentence(text, clause))):
            continue
        if subject is not None and all(t.stem != subject for t in clause.tokens):
            continue
        scope = tokens[max(0, hit.start - NEGATION_SCOPE) : hit.end + 1]
        negated = any(t.is_negation for t in scope if t.start >= clause.start)
        negated = negated or bool(_DENIAL.match(_sentence(text, clause)))
        if negated != wanted.negated or states_opposite(
            [t.stem for t in tokenize(f"{point.point} {phrasing}")], clause
        ):
            if denied_subject is None or any(t.stem == denied_subject for t in clause.tokens):
                contradiction = quote(text, tokens, hit)
            continue
        return quote(text, tokens, hit), None
    return None, contradiction


def _match_meaning(
    point: KeyPoint, text: str, clauses: Sequence[Clause], vectors: Vectors
) -> str | None:
    if not len(vectors):
        return None
    best, where = 0.0, -1
    for phrasing in (point.point, *point.alternatives):
        scores = vectors @ embed_one(phrasing)
        i = int(scores.argmax())
        if scores[i] > best:
            best, where = float(scores[i]), i
    if best < SEMANTIC_MATCH:
        return None
    clause = clauses[where]
    if clause.negated != phrase(point.point).negated or not is_clause(clause.text):
        return None
    if states_opposite([t.stem for t in tokenize(point.point)], clause):
        return None
    return _clause_quote(text, clause)


def _states_misconception(
    clause: Clause, misconceptions: Sequence[Misconception], implied: frozenset[str]
) -> bool:
    return any(
        find_phrase(clause.tokens, _in_context(phrase(p), implied), strict=True) is not None
        for wrong in misconceptions
        for p in (wrong.claim, *wrong.alternatives)
    )


def match_key_points(
    text: str,
    tokens: Sequence[Token],
    points: Sequence[KeyPoint],
    *,
    misconceptions: Sequence[Misconception] = (),
    implied: frozenset[str] = frozenset(),
) -> list[PointMatch]:
    """A point counts when a clause of the answer asserts it: in the point's words (with the
    point's polarity, and its roles in order when it relates two things) or in other words of
    the same meaning. Stating it negated or reversed is recorded as a contradiction. A clause
    that states one of the item's misconceptions earns no point, whatever words it shares."""
    clauses = [
        c
        for c in split_clauses(text, tokens)
        if not _states_misconception(c, misconceptions, implied)
    ]
    vectors: Vectors | None = None
    matches: list[PointMatch] = []
    for point in points:
        relational = _match_relation(point, text, clauses)
        if relational is not None and (relational[0] or relational[1]):
            found, contradiction = relational
            matches.append(PointMatch(point, found, "words", contradiction))
            continue
        found, contradiction = _match_words(point, text, tokens, clauses)
        how = "words"
        if found is None and contradiction is None and relational is None:
            if vectors is None:
                vectors = embed([c.text for c in clauses])
            found, how = _match_meaning(point, text, clauses, vectors), "meaning"
        matches.append(PointMatch(point, found, how, contradiction))
    return matches


@lru_cache(maxsize=16384)
def _in_context(claim: Phrase, implied: frozenset[str]) -> Phrase:
    """A claim without the words the question already supplies: in an answer about VLOOKUP,
    "it defaults to exact match" states "VLOOKUP defaults to exact match"."""
    kept = tuple(s for s in claim.stems if s not in implied)
    return Phrase(kept, claim.negated, claim.single_word) if len(kept) >= 3 else claim


def find_misconceptions(
    text: str,
    tokens: Sequence[Token],
    misconceptions: Sequence[Misconception],
    *,
    implied: frozenset[str] = frozenset(),
) -> list[tuple[Misconception, str]]:
    found: list[tuple[Misconception, str]] = []
    for wrong in misconceptions:
        for phrasing in (wrong.claim, *wrong.alternatives):
            hit = find_phrase(tokens, _in_context(phrase(phrasing), implied), strict=True)
            if hit is not None:
                found.append((wrong, quote(text, tokens, hit)))
                break
    return found


def coverage(matches: Sequence[PointMatch]) -> float:
    total = sum(m.point.weight for m in matches)
    if not total:
        return 0.0
    return sum(m.point.weight for m in matches if m.covered) / total
