"""Tokenising for grading: lower-cased, stemmed tokens that remember where they came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")

CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "i'm": ("i", "am"),
    "it's": ("it", "is"),
    "that's": ("that", "is"),
}
NEGATIONS = frozenset(
    {"not", "no", "never", "without", "neither", "nor", "none", "nothing", "nobody"}
)
STOPWORDS = frozenset(
    """a an the and or but if then else of to in on at by for with from into onto over under
    as is are was were be been being am do does did doing have has had having i me my we our
    you your he she it its they them their this that these those there here what which who whom
    whose when where why how all any both each few more most other some such only own same so
    than too very s t can will just should would could may might must shall also about up down
    out off again further once get got make made let lets use using used one would'
    """.split()
)


@dataclass(frozen=True)
class Token:
    raw: str
    stem: str
    start: int
    end: int
    keyword: bool = False
    """Written in capitals (WHERE, HAVING, AND): a name of something, never a stop word."""

    @property
    def is_negation(self) -> bool:
        return self.raw in NEGATIONS and not self.keyword

    @property
    def is_content(self) -> bool:
        return self.keyword or (self.raw not in STOPWORDS and self.raw not in NEGATIONS)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("\u2019", "'").replace("\u2018", "'")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def tokenize(text: str) -> list[Token]:
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    """Cached: a question's key points, reference and misconceptions are read for every
    answer to it."""
    tokens: list[Token] = []
    original = unicodedata.normalize("NFKC", text)
    for match in _WORD.finditer(normalise(text)):
        word = match.group()
        written = original[match.start() : match.end()]
        keyword = len(written) >= 2 and written.isupper() and written.isalpha()
        parts: tuple[str, ...]
        if word in CONTRACTIONS:
            parts = CONTRACTIONS[word]
        elif word.endswith("n't"):
            parts = (word[:-3], "not")
        else:
            parts = (word.split("'")[0],)
        for part in parts:
            if part:
                tokens.append(Token(part, stem(part), match.start(), match.end(), keyword))
    return tuple(tokens)


def content_stems(text: str) -> list[str]:
    return [t.stem for t in tokenize(text) if t.is_content]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def contains_phrase(haystack: str, phrase: str) -> int:
    """How often a lower-case phrase occurs on word boundaries."""
    if phrase not in haystack:
        return 0
    return len(_phrase_pattern(phrase).findall(haystack))


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])")
