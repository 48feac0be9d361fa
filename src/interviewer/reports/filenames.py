"""Content-Disposition file names: candidate and date, in safe ASCII only."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MAX_NAME = 48
FALLBACK = "candidate"

# Letters NFKD does not take apart, and the Cyrillic and Greek alphabets, romanised simply.
_EXTRA = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "ı": "i",
}
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґ",
        (
            "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya ye i yi g"
        ).split(),
        strict=True,
    )
)
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split(),
        strict=True,
    )
)
_TABLE = {**_EXTRA, **_CYRILLIC, **_GREEK, "-": "-"}


def _romanise(text: str) -> str:
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )
    out: list[str] = []
    for char in bare.replace("ου", "ou"):
        mapped = _TABLE.get(char, char)
        out.append("" if mapped == "-" and char != "-" else mapped)
    return "".join(out)


def slug(text: str) -> str:
    """'José Müller' -> 'jose-muller'; 'Анна' -> 'anna'; what cannot be romanised is dropped."""
    ascii_only = _romanise(text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return cleaned[:MAX_NAME].rstrip("-") or FALLBACK


def report_filename(candidate: str, on: date, *, kind: str, extension: str) -> str:
    """interview-report-jose-muller-2026-11-23.pdf; kind is 'report' or 'summary'."""
    safe_kind = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-") or "report"
    safe_ext = re.sub(r"[^a-z0-9]+", "", extension.lower()) or "bin"
    return f"interview-{safe_kind}-{slug(candidate)}-{on.isoformat()}.{safe_ext}"
