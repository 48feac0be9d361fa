"""Communication and confidence signals read from the wording of an answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from interviewer.grading.text import STOPWORDS, Token, contains_phrase, normalise, sentences

FILLERS = (
    "um", "uh", "erm", "hmm", "like,", "you know", "basically", "literally", "kind of",
    "sort of", "i mean", "whatever", "stuff like that", "and so on", "etc",
)  # fmt: skip
HEDGES = (
    "i think", "i guess", "maybe", "perhaps", "probably", "not sure", "i'm not sure",
    "could be", "i suppose", "possibly", "hopefully", "somewhat", "i don't know",
    "no idea", "not really sure", "if i remember", "i believe", "kind of", "sort of",
)  # fmt: skip
ASSERTIVE = (
    "i would", "i will", "i did", "i led", "i built", "i decided", "i made", "i created",
    "i designed", "i drove", "i owned", "i recommend", "definitely", "clearly", "always",
    "the key is", "you should", "in my experience", "certainly", "exactly", "the answer is",
    "i delivered", "i set", "i chose", "i wrote", "i ran", "i use", "i'd use", "we shipped",
    "this ensures", "this means", "which means", "the best way", "i make sure",
)  # fmt: skip
CONNECTIVES = (
    "because", "therefore", "so that", "first", "second", "then", "finally", "for example",
    "for instance", "e.g.", "which means", "as a result", "however", "instead", "otherwise",
    "in short", "whereas", "on the other hand", "this way", "that way", "next", "also",
)  # fmt: skip
DONT_KNOW = ("i don't know", "i do not know", "no idea", "not sure", "no clue")

_VOWEL = re.compile(r"[aeiouy]")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")
_REPEAT = re.compile(r"(.)\1{3,}")

EXPECTED_WORDS: dict[str, tuple[int, int]] = {
    "conceptual": (35, 170),
    "scenario": (50, 230),
    "behavioral": (110, 340),
    "excel_formula": (1, 60),
}


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def to_scale(fraction: float) -> int:
    """0..1 onto the 1..10 scale, rounding half up."""
    return int(1 + 9 * _clamp(fraction) + 0.5)


def _count(text: str, phrases: Sequence[str]) -> int:
    return sum(contains_phrase(text, p) for p in phrases)


def _distinct(text: str, phrases: Sequence[str]) -> list[str]:
    return [p for p in phrases if contains_phrase(text, p)]


@dataclass(frozen=True)
class Signals:
    words: int
    sentence_count: int
    mean_sentence_words: float
    fillers: list[str]
    hedges: list[str]
    assertive: list[str]
    connectives: list[str]
    variety: float

    @classmethod
    def read(cls, text: str, tokens: Sequence[Token]) -> Signals:
        lowered = normalise(text)
        words = len(text.split())
        parts = sentences(text) or [text]
        content = [t.stem for t in tokens if t.is_content]
        variety = len(set(content)) / len(content) if content else 0.0
        filler_hits = [f for f in FILLERS for _ in range(contains_phrase(lowered, f))]
        return cls(
            words=words,
            sentence_count=len(parts),
            mean_sentence_words=words / len(parts),
            fillers=filler_hits,
            hedges=_distinct(lowered, HEDGES),
            assertive=_distinct(lowered, ASSERTIVE),
            connectives=_distinct(lowered, CONNECTIVES),
            variety=variety,
        )


def length_fit(words: int, kind: str) -> float:
    low, high = EXPECTED_WORDS.get(kind, EXPECTED_WORDS["conceptual"])
    if words < low:
        return words / low
    if words > 2 * high:
        return _clamp(1 - (words - 2 * high) / (3 * high), 0.4)
    return 1.0


def communication_fraction(signals: Signals, kind: str) -> tuple[float, list[str]]:
    """How clearly the answer is put: length for the question, sentences, structure, fillers."""
    notes: list[str] = []
    length = length_fit(signals.words, kind)
    low, high = EXPECTED_WORDS.get(kind, EXPECTED_WORDS["conceptual"])
    if signals.words < low:
        notes.append(f"At {signals.words} words the answer is short; aim for {low}-{high}.")
    elif signals.words > 2 * high:
        notes.append(f"At {signals.words} words the answer runs long; aim for {low}-{high}.")
    msw = signals.mean_sentence_words
    sentence_shape = 1.0 if 8 <= msw <= 28 else _clamp(1 - abs(msw - 18) / 40, 0.2)
    if msw > 28:
        notes.append("Break long sentences up so each makes one point.")
    structure = _clamp(len(signals.connectives) / 3)
    if not signals.connectives and signals.words >= 20:
        notes.append('Link your points ("because", "for example", "then") to show reasoning.')
    filler_rate = len(signals.fillers) / max(signals.words, 1) * 100
    filler_cost = _clamp(filler_rate / 8, 0, 0.35)
    if signals.fillers:
        shown = ", ".join(sorted(set(signals.fillers))[:4])
        notes.append(f"Filler words ({shown}) dilute the answer; drop them.")
    variety = _clamp((signals.variety - 0.3) / 0.4) if signals.words >= 30 else 1.0
    fraction = 0.5 * length + 0.2 * sentence_shape + 0.2 * structure + 0.1 * variety
    return _clamp(fraction - filler_cost) * (0.3 + 0.7 * length), notes


def confidence_fraction(signals: Signals, lowered: str) -> tuple[float, list[str]]:
    """Assertive, committed wording against hedging; a bare one-liner shows little either way."""
    notes: list[str] = []
    hedge_rate = len(signals.hedges) / max(signals.sentence_count, 1)
    assert_rate = len(signals.assertive) / max(signals.sentence_count, 1)
    questions = lowered.count("?")
    fraction = (
        0.6 + 0.3 * _clamp(assert_rate) - 0.45 * _clamp(hedge_rate) - 0.05 * min(questions, 2)
    )
    if any(contains_phrase(lowered, p) for p in DONT_KNOW) and signals.words < 25:
        fraction = 0.0
        notes.append("Saying you don't know earns nothing; reason aloud from what you do know.")
    if signals.hedges:
        shown = ", ".join(f'"{h}"' for h in signals.hedges[:3])
        notes.append(f"Hedging ({shown}) undercuts a correct answer; state it plainly.")
    if not signals.assertive and signals.words >= 30:
        notes.append('Commit to a recommendation ("I would...", "The key is...").')
    presence = _clamp(signals.words / 30)
    return _clamp(fraction) * (0.35 + 0.65 * presence), notes


def looks_like_gibberish(tokens: Sequence[Token], known_stems: set[str]) -> bool:
    """Keyboard mash or random letters: unpronounceable, or no English function words at all."""
    words = [t.raw for t in tokens if t.raw.isalpha()]
    if not words:
        return bool(tokens) and not any(t.stem in known_stems for t in tokens)
    odd = sum(
        1
        for w in words
        if not _VOWEL.search(w) or _CONSONANT_RUN.search(w) or _REPEAT.search(w) or len(w) > 24
    )
    if odd / len(words) > 0.4:
        return True
    function_words = sum(1 for w in words if w in STOPWORDS)
    domain = sum(1 for t in tokens if t.stem in known_stems)
    return len(words) >= 4 and function_words == 0 and domain / len(words) < 0.3
