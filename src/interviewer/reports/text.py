"""Plain-text helpers shared by every export (no ReportLab here)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    """NFC, newlines unified, control and format characters and variation selectors removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _VARIATION_SELECTORS.sub("", text.replace("\t", "    "))
    kept = "".join(
        c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co")
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


def pretty(slug: str) -> str:
    """'data-analyst' -> 'Data analyst'."""
    text = slug.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


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


def cell_value(value: bool | int | float | str | None) -> str:
    """A worksheet value as Excel would show it: TRUE/FALSE, numbers without '.0', '(empty)'."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
