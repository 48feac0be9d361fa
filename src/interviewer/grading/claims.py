"""Does the answer make claims, or only name things?

A grader that matches terms can be gamed by a list of terms or by the reference's words in a
random order. These checks read the shape of the text instead: whether it is built of clauses
(function words where English puts them), whether it is a list of short fragments, and whether
it pastes the bank's own key points without saying anything about them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from interviewer.grading.text import NEGATIONS, STOPWORDS, normalise

DETERMINERS = frozenset("a an the this these those every each".split())
PREPOSITIONS = frozenset(
    "of in on at by for with from into onto over under about between through during within "
    "across than".split()
)
AUXILIARIES = frozenset(
    "is are was were be been being am does did has have had will would can could should may "
    "might must shall".split()
)
CONJUNCTIONS = frozenset("and or but nor because although whereas".split())
_CAN_FOLLOW_PREPOSITION = frozenset({"being", "doing", "having"})
_WORD_OR_MARK = re.compile(r"[A-Za-z0-9_$=][A-Za-z0-9_'$.:()\[\]=*+/<>-]*|[.,;:!?]")
_SEGMENT_BREAK = re.compile(r"[,;\n\u2022|/]+|\s-\s|\.(?:\s|$)")

SALAD_RATE = 0.06
SALAD_MIN_ERRORS = 3
ORDER_GAIN_SALAD = -0.3
ORDER_GAIN_DOUBTFUL = 0.12
"""Below the first, the word order is not English; below the second it takes grammar errors
as well. Set on bank references, their shuffles and the grading-dev student answers
(bench/honesty.py prints the rates)."""
LIST_MEAN_SEGMENT_WORDS = 4.0
LIST_FUNCTION_SHARE = 0.2


@lru_cache(maxsize=65536)
def _kind(word: str) -> str:
    if (len(word) > 1 and word.isupper()) or (word[:1].isupper() and word.lower() in AUXILIARIES):
        return "word"
    word = word.lower()
    if word in DETERMINERS:
        return "det"
    if word in PREPOSITIONS:
        return "prep"
    if word in AUXILIARIES:
        return "aux"
    if word in CONJUNCTIONS:
        return "conj"
    if word in {".", ",", ";", ":", "!", "?"}:
        return "mark"
    return "word"


def _grammar_errors(raw_words: Sequence[str]) -> int:
    """Places where English function words cannot stand: "the of", "in ,", a sentence ending in
    "the", a capitalised "In" in mid-sentence. Real prose has almost none; shuffled words have
    many."""
    words = [w.lower() for w in raw_words]
    kinds = [_kind(w) for w in raw_words] + ["end"]
    errors = 0
    for i, kind in enumerate(kinds[:-1]):
        following = kinds[i + 1]
        after = words[i + 1] if i + 1 < len(words) else ""
        if kind == "det" and following in {"det", "prep", "aux", "conj", "mark", "end"}:
            errors += 1
        elif (
            kind == "prep"
            and following in {"prep", "conj", "mark", "end"}
            and after not in _CAN_FOLLOW_PREPOSITION
        ):
            errors += 1
        elif kind == "conj" and following in {"mark", "end"}:
            errors += 1
        word = raw_words[i]
        before = kinds[i - 1] if i else "mark"
        if (
            before not in {"mark"}
            and word[:1].isupper()
            and not word.isupper()
            and word.lower() in STOPWORDS
        ):
            errors += 1
    return errors


_CODE = re.compile(r"[=()\[\]\"&$<>*/+{}]|[A-Za-z]\d|\d[A-Za-z]|_")
_EDGE_MARKS = ".,;:!?()\"'"
_FUNCTION_WORDS = STOPWORDS | NEGATIONS | {"before", "after", "because", "although", "until"}


@lru_cache(maxsize=65536)
def _word_class(word: str) -> str:
    lowered = word.lower()
    if lowered in _FUNCTION_WORDS:
        return lowered
    if _CODE.search(word):
        return "CODE"
    if word[0].isdigit():
        return "N"
    return "W"


def word_classes(text: str) -> list[str]:
    """Function words as themselves, other words as W, numbers as N, formulas and code as
    CODE, and punctuation: the skeleton that word order builds and shuffling destroys."""
    out = ["<s>"]
    for chunk in text.split():
        out += _chunk_classes(chunk)
    return out


@lru_cache(maxsize=65536)
def _chunk_classes(chunk: str) -> tuple[str, ...]:
    """One whitespace-separated chunk's classes: the word's, then any sentence or clause mark."""
    core = chunk.strip(_EDGE_MARKS)
    if not core:
        return ()
    if _CODE.search(chunk) and not _CODE.search(chunk.strip(_EDGE_MARKS + "()")):
        core = chunk.strip(_EDGE_MARKS + "()")
    word = _word_class(core) if not _CODE.search(chunk) or core else "CODE"
    trailing = chunk[len(chunk.rstrip(_EDGE_MARKS)) :]
    if any(m in trailing for m in ".!?"):
        return (word, ".", "<s>")
    if any(m in trailing for m in ",;:"):
        return (word, ",")
    return (word,)


@dataclass(frozen=True)
class OrderModel:
    """A bigram model over word classes, learnt from the banks' own prose at first use."""

    pairs: Counter[tuple[str, str]]
    singles: Counter[str]
    _scores: dict[tuple[str, str], float] = field(default_factory=dict, compare=False, repr=False)
    """Each pair's log-ratio, computed at first sight: the model never changes once learnt."""

    @classmethod
    def learn(cls, texts: Iterable[str]) -> OrderModel:
        pairs: Counter[tuple[str, str]] = Counter()
        singles: Counter[str] = Counter()
        for text in texts:
            classes = word_classes(text)
            singles.update(classes)
            pairs.update(zip(classes, classes[1:], strict=False))
        return cls(pairs, singles)

    def gain(self, text: str) -> float | None:
        """Mean log-ratio of each class given the one before it over its plain frequency:
        about 0.4 for English, about 0 for shuffled words. None when the text is too short."""
        classes = word_classes(text)
        bigrams = list(zip(classes, classes[1:], strict=False))
        if len(bigrams) < 6:
            return None
        scores = self._scores
        score = 0.0
        for pair in bigrams:
            known = scores.get(pair)
            if known is None:
                known = scores[pair] = self._log_ratio(*pair)
            score += known
        return score / len(bigrams)

    def _log_ratio(self, first: str, second: str) -> float:
        size, total = len(self.singles), self.singles.total()
        conditional = (self.pairs[(first, second)] + 0.1) / (self.singles[first] + 0.1 * size)
        plain = (self.singles[second] + 0.1) / (total + 0.1 * size)
        return math.log(conditional / plain)


@lru_cache(maxsize=1)
def order_model() -> OrderModel:
    """Learnt from the shipped banks' questions and reference answers: well-formed prose in the
    register candidates answer in."""
    from interviewer.banks.loader import default_banks

    items = default_banks().items.values()
    return OrderModel.learn(text for item in items for text in (item.text, item.reference))


@dataclass(frozen=True)
class Shape:
    words: int
    function_share: float
    segments: int
    mean_segment_words: float
    grammar_errors: int
    order_gain: float | None = None

    @property
    def is_word_salad(self) -> bool:
        if self.words < 8:
            return False
        rate = self.grammar_errors / self.words
        if self.order_gain is not None:
            if self.order_gain < ORDER_GAIN_SALAD:
                return True
            if self.order_gain < ORDER_GAIN_DOUBTFUL and self.grammar_errors >= 2:
                return True
        return self.grammar_errors >= SALAD_MIN_ERRORS and rate >= SALAD_RATE

    @property
    def looks_disordered(self) -> bool:
        """Some sign of broken order; alone not enough to call it salad, but a short, correct
        answer in the reference's words must show one before it is read as a shuffle."""
        weak_order = self.order_gain is not None and self.order_gain < ORDER_GAIN_DOUBTFUL * 2
        return weak_order or self.grammar_errors >= 1

    @property
    def is_keyword_list(self) -> bool:
        """Short fragments with hardly a function word: terms named, nothing claimed."""
        if self.words < 3:
            return False
        listy = self.segments >= 3 and self.mean_segment_words <= LIST_MEAN_SEGMENT_WORDS
        bare = self.words >= 6 and self.function_share < 0.08
        terse = self.segments >= 4 and self.mean_segment_words <= 2.5
        return terse or ((listy or bare) and self.function_share < LIST_FUNCTION_SHARE)


def read_shape(text: str) -> Shape:
    raw = _WORD_OR_MARK.findall(text)
    words = [w for w in raw if _kind(w) != "mark"]
    function = sum(1 for w in words if w.lower() in STOPWORDS and not (len(w) > 1 and w.isupper()))
    segments = [s for s in _SEGMENT_BREAK.split(text) if s.strip()]
    segment_words = [len(s.split()) for s in segments]
    return Shape(
        words=len(words),
        function_share=function / len(words) if words else 0.0,
        segments=len(segments),
        mean_segment_words=sum(segment_words) / len(segment_words) if segments else 0.0,
        grammar_errors=_grammar_errors(raw),
        order_gain=order_model().gain(text),
    )


def is_clause(text: str) -> bool:
    """At least three words with one function word: "WHERE filters rows", not "WHERE rows"."""
    words = normalise(text).split()
    return len(words) >= 3 and any(w.strip(".,;:()") in STOPWORDS for w in words)


@lru_cache(maxsize=4096)
def _normalised(phrasings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise(p) for p in phrasings)


def pasted_share(text: str, phrasings: Sequence[str]) -> float:
    """Share of the answer's words that sit in fragments equal to one of the bank's own
    phrasings (key points, their alternatives): the key points pasted as a list."""
    segments = [s.strip() for s in _SEGMENT_BREAK.split(normalise(text)) if s.strip()]
    total = sum(len(s.split()) for s in segments)
    if not total:
        return 0.0
    wanted = _normalised(tuple(phrasings))
    pasted = sum(len(s.split()) for s in segments if any(fuzz.ratio(s, w) >= 88 for w in wanted))
    return pasted / total


_PLAIN_WORD = re.compile(r"[a-z0-9]+")
SHUFFLE_VOCABULARY = 0.8
SHUFFLE_PAIRS = 0.3


@lru_cache(maxsize=4096)
def _words_and_pairs(reference: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    source = _PLAIN_WORD.findall(normalise(reference))
    return frozenset(source), frozenset(zip(source, source[1:], strict=False))


def shuffles_reference(text: str, reference: str) -> bool:
    """The reference's own words in another order: nearly every word comes from the reference,
    but few neighbouring pairs do. A paraphrase brings its own words; a quotation keeps the
    pairs. On the grading-dev set no student answer looks like this; 99% of shuffled bank
    references do."""
    words = _PLAIN_WORD.findall(normalise(text))
    if len(words) < 8:
        return False
    vocabulary, pairs = _words_and_pairs(reference)
    if not vocabulary:
        return False
    from_reference = sum(w in vocabulary for w in words) / len(words)
    answer_pairs = list(zip(words, words[1:], strict=False))
    kept = sum(p in pairs for p in answer_pairs) / len(answer_pairs)
    return from_reference >= SHUFFLE_VOCABULARY and kept < SHUFFLE_PAIRS
