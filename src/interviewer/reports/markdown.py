"""The report as Markdown (CommonMark with GitHub tables); user text is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewer.banks.schema import Resource
from interviewer.core.model import DIMENSIONS, Turn
from interviewer.reports.source import ReportSource
from interviewer.reports.text import (
    cell_texts,
    clean,
    counts,
    dated_text,
    day,
    duration,
    pretty,
    tidy_numbers,
    topics_in_text,
    turn_dates,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")


def escape_md(text: str) -> str:
    """Inline text: Markdown and HTML characters backslash-escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))


def _quote(text: str) -> str:
    """A blockquote that keeps the writer's line breaks; '> (empty answer)' when blank."""
    body = clean(text)
    if not body:
        return "> (empty answer)"
    return "\n".join(("> " + _SPECIAL.sub(r"\\\1", line)).rstrip() for line in body.split("\n"))


def _link(resource: Resource) -> str:
    url = str(resource.url).replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape_md(resource.title)}]({url})"


def _one(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _score(value: int | None) -> str:
    return "not scored" if value is None else f"{value}/10"


def _block(text: str) -> list[str]:
    """Multi-line text: paragraphs kept apart, '- ' lines kept as list items, all escaped."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", clean(text)):
        for line in paragraph.split("\n"):
            item = re.match(r"^\s*[-*•]\s+", line)
            out.append(f"- {escape_md(line[item.end() :])}" if item else escape_md(line))
        out.append("")
    return out


def _list(items: Sequence[str]) -> list[str]:
    return [f"- {item}" for item in items] or ["- None recorded."]


def render_markdown(source: ReportSource) -> str:
    r, plan = source.report, source.interview.plan

    def prose(text: str) -> str:
        return tidy_numbers(topics_in_text(text, r.topic_scores))

    asked = counts(r.question_count, r.answered_count, r.skipped_count, r.hints_used)
    out = [
        f"# Interview report: {escape_md(source.candidate)}",
        "",
        " · ".join(
            (
                escape_md(plan.role),
                f"{pretty(plan.track)} track",
                f"{plan.level.value} level",
                day(source.finished_at),
            )
        ),
        "",
        "| | |",
        "|---|---|",
        f"| Overall score | **{r.overall}** / 100 |",
        f"| Level estimate | {escape_md(pretty(r.level_estimate))} |",
        f"| Mode | {plan.mode.value} |",
        f"| Questions | {asked} |",
        f"| Duration | {duration(r.duration_seconds)} |",
        "",
        "## Summary",
        "",
        escape_md(prose(r.summary)),
        "",
        "## Scores",
        "",
        "| Dimension | Score (1-10) |",
        "|---|---:|",
        *(f"| {pretty(d)} | {_one(r.averages.get(d))} |" for d in DIMENSIONS),
        "",
        "| Topic | Technical (1-10) |",
        "|---|---:|",
        *(f"| {escape_md(pretty(t))} | {s:.1f} |" for t, s in r.topic_scores.items()),
        "",
        "## Strengths",
        "",
        *_list([escape_md(prose(s)) for s in r.strengths]),
        "",
        "## Areas to improve",
        "",
        *_list([escape_md(prose(a)) for a in r.areas_to_improve]),
        "",
    ]
    if source.shows_trend:
        out += ["## Progress across interviews", ""]
        out += ["| Finished | Track | Overall | " + " | ".join(map(pretty, DIMENSIONS)) + " |"]
        out += ["|---|---|---:|---:|---:|---:|"]
        for p in source.trend:
            mark = " (this one)" if p.interview_id == source.interview.id else ""
            dims = " | ".join(_one(p.averages.get(d)) for d in DIMENSIONS)
            out.append(f"| {day(p.finished_at)}{mark} | {pretty(p.track)} | {p.overall} | {dims} |")
        out.append("")
    if r.resources:
        out += ["## Recommended resources", "", *_list([_link(x) for x in r.resources]), ""]
    out += ["## Question by question", ""]
    total = len(source.turns)
    for index, turn in enumerate(source.turns, start=1):
        out += _turn(turn, index=index, total=total)
    return "\n".join(out).rstrip() + "\n"


def _turn(turn: Turn, *, index: int, total: int) -> list[str]:
    q, e = turn.question, turn.evaluation
    tags = [pretty(q.topic), f"difficulty {q.difficulty}/5", q.kind.replace("_", " ")]
    tags += ["follow-up"] * (q.parent_id is not None) + ["hint used"] * q.hint_used
    tags += ["skipped"] * q.skipped
    out = [f"### Question {index} of {total} · {escape_md(' · '.join(tags))}", ""]
    out += [f"**{escape_md(q.text)}**", ""]
    if q.skipped or turn.answer is None:
        out += ["*Skipped: no answer was given.*", ""]
    else:
        out += [_quote(turn.answer.text), ""]
    corrections = e.examples_or_corrections if e else ""
    if e is not None:
        out += ["| Technical | Communication | Confidence |", "|---:|---:|---:|"]
        out += [f"| {' | '.join(_score(e.score(d)) for d in DIMENSIONS)} |", ""]
        dates = turn_dates(turn)
        out += ["**Feedback**", "", *_block(tidy_numbers(dated_text(e.feedback, dates)))]
        covered = [c for c in e.covered if c.point not in e.feedback]
        if covered:
            lines = [f"{escape_md(c.point)}: “{escape_md(c.quote)}”" for c in covered]
            out += ["**Covered**", "", *_list(lines), ""]
        missed = [m for m in e.missed if m not in e.feedback]
        if missed:
            out += ["**Missed**", "", *_list([escape_md(m) for m in missed]), ""]
        if e.cells:
            out += ["| Cell | Result | Expected | |", "|---|---|---|---|"]
            for c in e.cells:
                got, expected = cell_texts(c, dates)
                out.append(
                    f"| {escape_md(c.cell)} | {escape_md(got)} | {escape_md(expected)} "
                    f"| {'✓' if c.ok else '✗'} |"
                )
            out.append("")
        if corrections:
            out += ["**Correction or example**", "", *_block(corrections)]
    if q.reference and q.reference not in corrections:
        out += ["**Model answer**", "", *_block(q.reference)]
    resources = (e.resources if e else ()) or q.resources
    if resources:
        out += ["**Resources**", "", *_list([_link(x) for x in resources]), ""]
    return out
