"""Text for the candidate: numbers, dates, counts and topic names, written the same way on
every screen and in every export. Pure.

- `format_number`: at most 4 significant digits, never rounding the whole part
  (0.4897959 -> "0.4898", 1038.333 -> "1038", 12345.67 -> "12346").
- `format_cell` / `format_cells`: a worksheet value as Excel would show it; a date task's
  serial numbers as dates ("29 Feb 2024"); two values that differ never read the same.
- `plural`: "1 question", "2 questions", never "question(s)".
- `topic_title`: a topic's display name from its slug ("sql-joins" -> "SQL joins").
"""

from __future__ import annotations

import datetime as dt
import math
import re

SIGNIFICANT_DIGITS = 4
MAX_DIGITS = 15
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EXCEL_LAST_DAY = 2_958_465  # 31 Dec 9999, the last date Excel shows
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EMPTY = "(empty)"

CellValue = bool | int | float | str | dt.date | None


def plural(count: int, word: str, many: str | None = None) -> str:
    """The count with its noun: "1 question", "0 questions", "2 follow-ups"; `many` for an
    irregular plural ("1 match", many="matches")."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def with_article(phrase: str) -> str:
    """'an entry-level candidate', 'a senior-level candidate'."""
    return f"{'an' if phrase[:1].lower() in 'aeio' else 'a'} {phrase}"


def format_number(value: float, *, digits: int = SIGNIFICANT_DIGITS) -> str:
    """A number with at most `digits` significant digits and no trailing zeros; the whole
    part is never rounded away (12345.67 -> "12346", not "12350")."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not math.isfinite(value):
        return "infinity" if value > 0 else "-infinity" if value < 0 else "not a number"
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_date(value: dt.date) -> str:
    """'29 Feb 2024'; with the time when a datetime has one ('29 Feb 2024 13:30')."""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, dt.datetime) and (value.hour or value.minute):
        text += f" {value:%H:%M}"
    return text


def excel_date(serial: float) -> dt.datetime | None:
    """The date an Excel serial number stands for (1900 date system), None out of range."""
    if isinstance(serial, bool) or not 1 <= serial <= EXCEL_LAST_DAY:
        return None
    moment = EXCEL_EPOCH + dt.timedelta(days=float(serial))
    return moment.replace(second=0, microsecond=0) + dt.timedelta(minutes=round(moment.second / 60))


def format_cell(
    value: CellValue, *, as_date: bool = False, digits: int = SIGNIFICANT_DIGITS
) -> str:
    """A worksheet value as Excel would show it: TRUE/FALSE, "(empty)", numbers rounded for
    reading, and with `as_date` (the task expects a date) serial numbers as dates."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float):
        moment = excel_date(value) if as_date else None
        if moment is not None:
            return format_date(moment)
        return format_number(value, digits=digits)
    return str(value)


def format_cells(got: CellValue, expected: CellValue, *, as_date: bool = False) -> tuple[str, str]:
    """Two values side by side: rounded for reading, with more digits where they differ but
    would otherwise read the same ("0.48979" and "0.48981", not "0.4898" twice)."""
    digits = SIGNIFICANT_DIGITS
    while True:
        shown = (
            format_cell(got, as_date=as_date, digits=digits),
            format_cell(expected, as_date=as_date, digits=digits),
        )
        if shown[0] != shown[1] or got == expected or digits >= MAX_DIGITS:
            return shown
        if as_date and excel_date(_number(got)) and excel_date(_number(expected)):
            return shown  # the same minute: the dates are shown as equal as they are
        digits += 1


def _number(value: CellValue) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


# ---- topic names ------------------------------------------------------------------------------

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ACRONYMS = frozenset(
    {
        "ai", "api", "aws", "bi", "cli", "crm", "csv", "cte", "dax", "dcf", "erp", "etl",
        "gcp", "gil", "html", "http", "json", "kpi", "ml", "nps", "okr", "oop", "orm", "rice",
        "roi", "sdk", "seo", "sla", "sql", "ui", "ux", "vba", "xml",
    }
)  # fmt: skip
WORDS = {
    "ab": "A/B", "io": "I/O", "cicd": "CI/CD", "vlookup": "VLOOKUP", "xlookup": "XLOOKUP",
    "pivottables": "PivotTables", "moscow": "MoSCoW", "kano": "Kano", "excel": "Excel",
    "python": "Python", "pytest": "pytest", "mypy": "mypy", "asyncio": "asyncio",
}  # fmt: skip
PHRASES = {
    "a b": "A/B", "what if": "what-if", "power query": "Power Query",
    "power pivot": "Power Pivot", "power bi": "Power BI", "office scripts": "Office Scripts",
    "pivot tables": "PivotTables", "p values": "p-values", "ci cd": "CI/CD",
}  # fmt: skip
NAMES = {
    # Slugs whose words cannot carry the name (an "and" left out, a noun implied).
    "references-formulas": "Cell references and formulas",
    "data-validation-cleaning": "Data validation and cleaning",
    "power-query-pivot": "Power Query and Power Pivot",
    "macros-vba": "Macros and VBA",
    "modelling-what-if": "Modelling and what-if analysis",
    "failure-learning": "Failure and learning",
    "ethics-integrity": "Ethics and integrity",
    "data-cleaning-visualisation": "Data cleaning and visualisation",
    "testing-quality": "Testing and code quality",
    "performance-debugging": "Performance and debugging",
    "packaging-tooling": "Packaging and tooling",
}


def _word(word: str) -> str:
    if word in WORDS:
        return WORDS[word]
    if word in ACRONYMS:
        return word.upper()
    if len(word) > 2 and word.endswith("s") and word[:-1] in ACRONYMS:
        return word[:-1].upper() + "s"  # KPIs, APIs, CTEs
    return word


def topic_title(slug: str, *, in_sentence: bool = False) -> str:
    """A topic's display name: "sql-joins" -> "SQL joins", "macros-vba" -> "Macros and VBA",
    "a-b-testing" -> "A/B testing". Text that is not a slug is returned as it is.

    `in_sentence`: for use after other words ("weakest on statistics"), the first letter is
    lowered unless it starts an acronym or a proper name ("SQL joins", "Power Query")."""
    title = _title(slug.strip())
    if not in_sentence or not _SLUG.match(slug.strip()):
        return title
    first = title.split(" ", 1)[0]
    proper = title.startswith(tuple(PHRASES.values()) + tuple(WORDS.values()))
    if proper or first[1:] != first[1:].lower():
        return title
    return title[:1].lower() + title[1:]


def _title(text: str) -> str:
    if text in NAMES:
        return NAMES[text]
    if not _SLUG.match(text):
        return text
    words = " ".join(re.split(r"[-_]", text))
    for phrase, name in PHRASES.items():
        words = re.sub(rf"(?<![\w/-]){re.escape(phrase)}(?![\w/-])", name, words)
    words = " ".join(_word(w) if w.islower() and w.isalnum() else w for w in words.split())
    return words[:1].upper() + words[1:]
