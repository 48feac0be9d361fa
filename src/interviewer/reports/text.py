"""Plain-text helpers shared by every export (no ReportLab here)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from interviewer.core.formatting import excel_date as serial_date
from interviewer.core.formatting import (
    format_cells,
    format_date,
    format_number,
    topic_title,
)
from interviewer.core.model import SheetCell, Turn

_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_BLANK_LINES = re.compile(r"\n{3,}")
_KEPT = frozenset("\n\u200c\u200d")  # newline, and the joiners Indic and Arabic text needs


def clean(text: str) -> str:
    """NFC, newlines unified; control and format characters (but the zero-width joiner and
    non-joiner) and variation selectors removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _VARIATION_SELECTORS.sub("", text.replace("\t", "    "))
    kept = "".join(
        c for c in text if c in _KEPT or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co")
    )
    return _BLANK_LINES.sub("\n\n", kept).strip()


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters on one line, cut at a word boundary with an ellipsis."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def display_name(slug: str, *, start: bool = True) -> str:
    """A bank's topic (or track) id as people write it, the same on every screen: core's
    topic_title ('sql-joins' -> 'SQL joins'). `start=False` in the middle of a sentence."""
    return topic_title(slug, in_sentence=not start)


def pretty(slug: str) -> str:
    """'data-analyst' -> 'Data analyst', 'sql-joins' -> 'SQL joins' (see display_name)."""
    return display_name(slug)


def topics_in_text(text: str, topics: Iterable[str]) -> str:
    """Text written with topic ids turned into words ('weakest on sql joins', 'Macros vba
    (4.0/10)'), as reports stored before display names were, reads with display names."""
    for topic in sorted(topics, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[-_ ]+", topic) if w]
        if not words:
            continue
        pattern = re.compile(r"(?<![\w-])" + r"[-_ ]".join(words) + r"(?![\w-])", re.IGNORECASE)

        def named(found: re.Match[str], topic: str = topic) -> str:
            return display_name(topic, start=found.group(0)[:1].isupper())

        text = pattern.sub(named, text)
    return text


def day(moment: datetime) -> str:
    """'23 Nov 2026'."""
    return f"{moment.day} {moment:%b %Y}"


def duration(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def counts(question_count: int, answered: int, skipped: int, hints: int) -> str:
    parts = [f"{answered} of {question_count} answered"]
    if skipped:
        parts.append(f"{skipped} skipped")
    if hints:
        parts.append(f"{hints} hint{'s' if hints != 1 else ''} used")
    return " · ".join(parts)


def number(value: float) -> str:
    """At most 4 significant digits, never fewer than the whole part (core's format_number)."""
    return format_number(value)


_LONG_FLOAT = re.compile(r"(?<![\w.])-?\d+\.\d{5,}(?!\w|\.\d)")


def tidy_numbers(text: str) -> str:
    """Machine floats in prose ('0.4897959183673469') cut to 4 significant digits ('0.4898');
    numbers someone wrote with four decimals or fewer are left alone."""
    return _LONG_FLOAT.sub(lambda found: number(float(found.group(0))), text)


def excel_date(serial: float) -> str:
    """An Excel date serial as the report writes dates ('29 Feb 2024', '29 Feb 2024 18:00');
    the number itself when it is out of Excel's date range."""
    moment = serial_date(serial)
    return format_number(serial) if moment is None else format_date(moment)


def is_serial(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (serial_date(value) is not None)
    )


def date_cells(expected: Iterable[object], cells: Iterable[str]) -> frozenset[str]:
    """The cells (in the grader's order, which is the task's `expected` order) whose expected
    value is a date; past the expected values, a spill over a column of dates is dates too."""
    wanted = list(expected)
    dated = [isinstance(v, date) for v in wanted]
    every = bool(dated) and all(dated)
    return frozenset(
        cell for index, cell in enumerate(cells) if (dated[index] if index < len(dated) else every)
    )


_CELL_LINE = re.compile(r"(?m)^(- ([A-Z]{1,3}[1-9][0-9]*):)(.*)$")
# A bare number right after 'gave' or 'expected', ending the value: '45351,' or '45352.'
_SERIAL_VALUE = re.compile(r"(?:(?<=\bgave )|(?<=\bexpected ))-?\d+(?:\.\d+)?(?=,|\.?$|\.\s)")


def turn_dates(turn: Turn) -> frozenset[str]:
    """The cells of a formula turn that hold dates (its task expects dates there)."""
    task, evaluation = turn.question.task, turn.evaluation
    if task is None or evaluation is None:
        return frozenset()
    return date_cells(task.expected, [c.cell for c in evaluation.cells])


def cell_texts(cell: SheetCell, dates: frozenset[str]) -> tuple[str, str]:
    """What the formula gave and what was expected, as the grader wrote them for the
    candidate; for evaluations stored before it did, formatted here the same way."""
    if cell.got_text and cell.expected_text:
        return cell.got_text, cell.expected_text
    return format_cells(cell.got, cell.expected, as_date=cell.cell in dates)


def dated_text(text: str, cells: frozenset[str]) -> str:
    """Feedback lines about date cells, as graders wrote them before showing dates ('- C2:
    your formula gave 45351, expected 45352.'), with the serials shown as dates."""

    def as_date(found: re.Match[str]) -> str:
        value = float(found.group(0))
        return excel_date(value) if is_serial(value) else found.group(0)

    def line(found: re.Match[str]) -> str:
        if found.group(2) not in cells:
            return found.group(0)
        return found.group(1) + _SERIAL_VALUE.sub(as_date, found.group(3))

    return _CELL_LINE.sub(line, text) if cells else text


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_CLAUSE_END = re.compile(r"[,;:\u2013\u2014](?=\s|$)|\s[\u2013\u2014-](?=\s)")


def excerpt(answer: str, quote: str, *, limit: int = 160) -> str:
    """The candidate's words around a grader's quote, from the start of its clause to the end of
    its clause or sentence, with '…' where the answer goes on: never cut mid-phrase. A quote
    not found in the answer is shown whole, an ellipsis marking a cut that is not a clause end."""
    body = " ".join(clean(answer).split())
    wanted = " ".join(clean(quote).split())
    if not wanted:
        return ""
    at = body.lower().find(wanted.lower())
    if at < 0:
        return _closed(wanted, limit)
    start, end = at, at + len(wanted)
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(body, 0, start)), default=0)
    sentence_end = next((m.end() for m in _SENTENCE_END.finditer(body, end)), len(body))
    if sentence_end - sentence_start <= limit:
        left, right = sentence_start, sentence_end
    else:
        left = max((m.end() for m in _CLAUSE_END.finditer(body, sentence_start, start)),
                   default=sentence_start)  # fmt: skip
        right = next((m.start() for m in _CLAUSE_END.finditer(body, end, sentence_end)),
                     sentence_end)  # fmt: skip
        if right - left > limit:
            left, right = start, end
    text = body[left:right].strip()
    if len(text) > limit:
        text = shorten(text, limit)
    before = "… " if body[:left].strip() and left != sentence_start else ""
    after = "" if right >= sentence_end or text.endswith("…") else " …"
    return f"{before}{text.rstrip(',;:')}{after}".strip()


def _closed(text: str, limit: int) -> str:
    text = shorten(text, limit)
    if text.endswith(("…", ".", "!", "?")):
        return text
    return text.rstrip(",;:") + " …"


_QUOTED = re.compile(r'"([^"\n]{2,})"|“([^”\n]{2,})”')


def quotes_widened(text: str, answer: str, *, limit: int = 160) -> str:
    """Grader text that quotes the answer ('you said: "INDEX and MATCH, because"') with each
    quote widened to its clause or sentence in the answer (see excerpt)."""
    if not answer.strip():
        return text

    def widened(found: re.Match[str]) -> str:
        inner = found.group(1) if found.group(1) is not None else found.group(2)
        if " ".join(inner.split()).lower() not in " ".join(clean(answer).split()).lower():
            return found.group(0)
        opening, closing = found.group(0)[0], found.group(0)[-1]
        return f"{opening}{excerpt(answer, inner, limit=limit)}{closing}"

    return _QUOTED.sub(widened, text)
