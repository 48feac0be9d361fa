"""Communication and confidence signals read from the wording of an answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from interviewer.grading.text import (
    NEGATIONS,
    STOPWORDS,
    Token,
    contains_phrase,
    normalise,
    sentences,
)

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
DONT_KNOW = (
    "i don't know", "i do not know", "don't know", "dont know", "no idea", "not sure", "no clue",
    "not a clue", "idk", "dunno", "i can't remember", "i don't remember", "i have no clue",
    "i can't say", "no answer", "pass",
)  # fmt: skip
_DONT_KNOW_WORDS = frozenset(
    """know dont idea sure clue idk dunno remember say answer pass sorry honestly really
    afraid unfortunately actually totally quite completely thing anything"""
    .split()
)  # fmt: skip
NON_ANSWERS = frozenset(
    """ok okay k sure fine hi hello hey thanks thank test testing asdf lol hmm um uh er erm
    next skip continue done""".split()
)  # fmt: skip
"""Words that, alone, answer no question ("ok", "test"). Not "yes", "no" or "none": those
can be right."""
IRREGULAR_PAST = frozenset(
    """led made took built wrote ran set met gave told spoke sat kept brought began chose drove
    found held sent spent taught thought won did went got put split cut sought understood
    rebuilt rewrote laid paid left felt heard knew saw stood overcame undertook became came
    bought caught fought forgot grew hid hit let lost meant quit read rode rose said sold shook
    shut slept stole struck threw woke wore oversaw spread upheld withdrew drew flew""".split()
)  # fmt: skip
_NOT_PAST = frozenset(
    "need feed proceed exceed succeed bleed breed speed heed seed shed embed red bed wed".split()
)
_FIRST_PERSON_ACTION = re.compile(
    r"\b(i|we)\s+(?:(?:also|then|first|quickly|personally|finally|immediately|eventually|"
    r"later|just|soon|actually|carefully|never|always|still)\s+)?([a-z]+)\b"
)
_PAST_STATE = re.compile(r"\b(?:was|were|had)\b")
_STORY = re.compile(
    r"\b(?:i|we) (?:was|were|had)\b|\b(?:my|our) (?:last|previous|former|old|first) \w+|"
    r"\bwhen (?:i|we)\b|\bat the time\b|\b(?:years|months) ago\b"
)
_FUTURE = re.compile(r"\b(?:would|will|should|i'd|we'd|i'll|we'll|going to)\b")
_CALL = re.compile(r"[a-z_][a-z0-9_]*\s*\(")
ASKED_WORDS = 12
NAMED_TERMS = frozenset(
    """vlookup hlookup xlookup lookup match xmatch index indirect offset sumif sumifs countif
    countifs averageif averageifs maxifs minifs iferror ifna ifs sumproduct concat concatenate
    textjoin trim clean proper upper lower filter unique sort sortby left right datedif
    networkdays workday edate eomonth weekday weeknum today round roundup rounddown""".split()
)
"""Names one letter apart that mean different things: a spelling slip from one to another is
a different answer (XLOOKUP is not VLOOKUP misspelt)."""
MIN_FUNCTION_SHARE = 0.15
LIST_SEGMENT_WORDS = 3.0
_STATEMENT_END = re.compile(r"(?<=[.!?])\s+|\n+")
_CODE_SYMBOLS = re.compile(r"[=*$<>(){}\[\]:+/^%]|\w\.\w")

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
    plain_share: float = 0.0
    """Share of sentences that state something without a hedge or a question mark."""
    hedged_share: float = 0.0
    asked: int = 0
    """Short questions, "Is it VLOOKUP?": an answer put as a guess."""
    own_actions: int = 0
    """"I" + a past-tense verb: the candidate owning what they did."""
    past_story: bool = False

    @classmethod
    def read(cls, text: str, tokens: Sequence[Token]) -> Signals:
        lowered = normalise(text)
        words = len(text.split())
        parts = sentences(lowered) or [lowered]
        content = [t.stem for t in tokens if t.is_content]
        variety = len(set(content)) / len(content) if content else 0.0
        filler_hits = [f for f in FILLERS for _ in range(contains_phrase(lowered, f))]
        said = [c for c in _STATEMENT_END.split(lowered.strip()) if c.strip()] or [lowered]
        hedged = [c for c in said if any(contains_phrase(c, h) for h in HEDGES)]
        asked = [c for c in said if c.endswith("?") and len(c.split()) <= ASKED_WORDS]
        plain = [c for c in said if c not in hedged and c not in asked and is_statement(c)]
        actions = past_actions(lowered)
        own = sum(1 for who, _ in actions if who == "i")
        past = len(actions) + len(_PAST_STATE.findall(lowered))
        assertive = _distinct(lowered, ASSERTIVE)
        assertive += [
            a for a in dict.fromkeys(f"{w} {v}" for w, v in actions) if a not in assertive
        ]
        return cls(
            words=words,
            sentence_count=len(parts),
            mean_sentence_words=words / len(parts),
            fillers=filler_hits,
            hedges=_distinct(lowered, HEDGES),
            assertive=assertive,
            connectives=_distinct(lowered, CONNECTIVES),
            variety=variety,
            plain_share=len(plain) / len(said),
            hedged_share=len(hedged) / len(said),
            own_actions=own,
            asked=len(asked),
            past_story=bool(actions or _STORY.search(lowered))
            and past >= 2
            and past > len(_FUTURE.findall(lowered)),
        )


def is_statement(sentence: str) -> bool:
    """Reads as a sentence: a few words, some of them function words, not a comma list of
    terms (a list or shuffled words state nothing, however plainly)."""
    words = [w.strip(".,;:!?()\"'") for w in sentence.split()]
    if len(words) < 3:
        return False
    function_share = sum(1 for w in words if w in STOPWORDS) / len(words)
    segments = [part.split() for part in sentence.split(",") if part.strip()]
    listed = len(segments) >= 4 and len(words) / len(segments) <= LIST_SEGMENT_WORDS
    return function_share >= MIN_FUNCTION_SHARE and not listed


def is_past_verb(word: str) -> bool:
    if word in IRREGULAR_PAST:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST


def past_actions(lowered: str) -> list[tuple[str, str]]:
    """("i", "decided"), ("we", "shipped"): first-person past-tense verbs."""
    return [
        (m.group(1), m.group(2))
        for m in _FIRST_PERSON_ACTION.finditer(lowered)
        if is_past_verb(m.group(2))
    ]


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


OWN_THE_ACTIONS = 'Say what you did yourself, in the first person ("I decided", "I led").'
COMMIT = 'Commit to a recommendation ("I would...", "The key is...").'


def confidence_fraction(signals: Signals, lowered: str) -> tuple[float, list[str]]:
    """Plain statements and committed wording against hedging; a one-liner shows little.

    A sentence stated without a hedge is confident in itself (a textbook answer rarely says
    "I would"), so plain statements carry most of the score and assertive phrases top it up.
    """
    notes: list[str] = []
    assert_rate = len(signals.assertive) / max(signals.sentence_count, 1)
    fraction = (
        0.5
        + 0.4 * signals.plain_share
        + 0.2 * _clamp(assert_rate)
        - 0.4 * signals.hedged_share
        - 0.05 * min(signals.asked, 2)
    )
    unsure = any(contains_phrase(lowered, p) for p in DONT_KNOW)
    if unsure and signals.words < 25 and not signals.assertive:
        fraction = 0.0
        notes.append(
            "It's fine not to know everything: say what you do know and how you would find out."
        )
    if signals.hedges:
        shown = ", ".join(f'"{h}"' for h in signals.hedges[:3])
        notes.append(f"Hedging ({shown}) undercuts a correct answer; state it plainly.")
    if signals.words >= 30:
        if signals.past_story:
            if signals.own_actions == 0:
                notes.append(OWN_THE_ACTIONS)
        elif not signals.assertive and signals.plain_share < 0.6:
            notes.append(COMMIT)
    presence = _clamp(signals.words / 30)
    return _clamp(fraction) * (0.35 + 0.65 * presence), notes


def says_dont_know(tokens: Sequence[Token], lowered: str) -> bool:
    """The whole answer is "I don't know" (or "no idea", "idk", "not sure, sorry")."""
    if len(tokens) > 12 or not any(contains_phrase(lowered, p) for p in DONT_KNOW):
        return False
    rest = [
        t for t in tokens if t.raw not in STOPWORDS | NEGATIONS and t.raw not in _DONT_KNOW_WORDS
    ]
    return not rest


def says_nothing(tokens: Sequence[Token]) -> bool:
    """No words at all ("." or "?"), or only words that answer nothing ("ok", "yes")."""
    return all(t.raw in NON_ANSWERS or (t.raw in STOPWORDS and not t.keyword) for t in tokens)


def _code_like(token: Token, lowered: str) -> bool:
    """A function call, a method or attribute, a cell reference or a short symbol name."""
    before = lowered[token.start - 1] if token.start > 0 else " "
    after = lowered[token.end : token.end + 1]
    return (
        len(token.raw) <= 2
        or not token.raw.isalpha()
        or before in ".$_=:'\""
        or after in ("(", ".", "_", "[")
        or bool(_CALL.match(lowered, token.start))
    )


def looks_like_gibberish(
    tokens: Sequence[Token], known_stems: AbstractSet[str], text: str = ""
) -> bool:
    """Keyboard mash or random letters: unpronounceable, or no English function words at all.

    Formulas, code and short names ("=B2*$F$1", "O(n)", "df.groupby('a')") are never mash:
    tokens that sit in code, and the question's own terms, are not judged as words.
    """
    lowered = normalise(text)
    judged = [
        t
        for t in tokens
        if t.raw.isalpha() and t.stem not in known_stems and not (text and _code_like(t, lowered))
    ]
    if not judged:
        return False
    odd = sum(
        1
        for t in judged
        if not _VOWEL.search(t.raw)
        or _CONSONANT_RUN.search(t.raw)
        or _REPEAT.search(t.raw)
        or len(t.raw) > 24
    )
    words = [t for t in tokens if t.raw.isalpha()]
    if odd / max(len(words), 1) > 0.4:
        return True
    if text and _CODE_SYMBOLS.search(lowered):
        return False
    function_words = sum(1 for t in words if t.raw in STOPWORDS)
    domain = sum(1 for t in tokens if t.stem in known_stems)
    return len(words) >= 4 and function_words == 0 and domain / len(words) < 0.3
