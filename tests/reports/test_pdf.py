"""The PDF reports, built in memory from core objects and read back with pypdf and pdftoppm."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from interviewer.reports import render_pdf
from interviewer.reports.text import display_name
from tests.reports.pdftools import (
    assert_images,
    body_text,
    font_names,
    link_uris,
    reader,
    render_pages,
    squeeze,
    text_of,
)
from tests.reports.samples import make_source, make_turn

NAMES = {
    "latin": "José Müller",
    "cyrillic": "Анна Каренина",
    "greek": "Γιώργος Παπαδόπουλος",
    "cjk": "李小龍",
}


def test_full_report_has_name_questions_scores_summary_and_links():
    turns = tuple(make_turn(i, skipped=i == 3, hint=i == 1) for i in range(8))
    source = make_source(candidate="Ada Lovelace", turns=turns)
    pdf = render_pdf(source, kind="full")
    text = squeeze(text_of(pdf))

    assert "AdaLovelace" in text
    assert squeeze(source.report.summary) in text
    assert f"{source.report.overall}/100" in text
    for turn in source.turns:
        assert squeeze(turn.question.text) in text, turn.question.text
        if turn.evaluation is not None:
            for dim in ("technical", "communication", "confidence"):
                score = turn.evaluation.score(dim)
                assert f"{dim.capitalize()}{score}/10" in text, (turn.question.seq, dim)
            assert squeeze(turn.evaluation.feedback) in text
    for dim, average in source.report.averages.items():
        assert f"{dim.capitalize()}{average:.1f}" in text
    for topic, score in source.report.topic_scores.items():
        assert squeeze(f"{display_name(topic)}{score:.1f}") in text
    assert "Skipped:noanswerwasgiven." in text
    assert "Pageof" not in text and f"Page1of{len(reader(pdf).pages)}" in text

    uris = link_uris(pdf)
    assert uris and all(u.startswith("https://support.example.com/") for u in uris)
    assert {str(r.url) for r in source.report.resources} <= set(uris)
    assert_images(render_pages(pdf, "full-basic"), count=len(reader(pdf).pages))


def test_summary_is_one_page_with_the_essentials():
    source = make_source(candidate="Ada Lovelace", questions=15, earlier=2)
    pdf = render_pdf(source, kind="summary")
    assert len(reader(pdf).pages) == 1
    text = squeeze(text_of(pdf))
    assert "AdaLovelace" in text and "one-pagesummary" in text.lower()
    assert squeeze(source.report.summary) in text
    assert f"{source.report.overall}/100" in text
    assert link_uris(pdf)
    assert_images(render_pages(pdf, "summary-basic", dpi=90), count=1)


@pytest.mark.parametrize("questions", [1, 15, 30])
def test_summary_stays_on_one_page_whatever_the_length(questions: int):
    long = "A long answer that goes on. " * 200
    turns = tuple(make_turn(i, answer=long) for i in range(questions))
    source = make_source(candidate="Ada " * 40, turns=turns, role="Role " * 30)
    assert len(reader(render_pdf(source, kind="summary")).pages) == 1


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_in_any_script_render_as_text(script: str):
    name = NAMES[script]
    source = make_source(candidate=name, questions=3)
    for kind in ("full", "summary"):
        pdf = render_pdf(source, kind=kind)
        assert squeeze(name) in squeeze(text_of(pdf)), (kind, text_of(pdf)[:200])
        assert all(font_names(pdf).values()), font_names(pdf)
        assert_images(render_pages(pdf, f"name-{script}-{kind}"), count=len(reader(pdf).pages))


def test_glyphs_no_font_has_are_dropped_cleanly():
    source = make_source(
        candidate="Ada 🚀 Lovelace 🦄",
        turns=(make_turn(0, answer="Great 🎉 result with ✓ and 李 and Ελλάδα 🙂"),),
    )
    for kind in ("full", "summary"):
        pdf = render_pdf(source, kind=kind)
        text = text_of(pdf)
        assert "Ada" in text and "Lovelace" in text
        for missing in ("🚀", "🦄", "🎉", "🙂", "\ufffd", "\u25a1"):
            assert missing not in text
        if kind == "full":
            assert "Great result with ✓ and 李 and Ελλάδα" in " ".join(text.split())
        assert_images(render_pages(pdf, f"emoji-{kind}"), count=len(reader(pdf).pages))


def test_markup_characters_in_answers_are_text_not_markup():
    answer = "<b>bold</b> & <i>x</i> <a href='javascript:1'>link</a> &amp; &lt; <br/> <font>"
    source = make_source(turns=(make_turn(0, answer=answer), make_turn(1, answer="a < b & c")))
    pdf = render_pdf(source, kind="full")
    text = squeeze(text_of(pdf))
    assert squeeze(answer) in text
    assert "a<b&c" in text
    assert not any("javascript" in uri for uri in link_uris(pdf))


def test_five_thousand_character_answers_wrap_and_flow_over_pages():
    words = " ".join(f"word{n}" for n in range(900))[:5000]
    unbroken = "x" * 5000
    turns = (make_turn(0, answer=words), make_turn(1, answer=unbroken), make_turn(2))
    source = make_source(turns=turns)
    short = render_pdf(make_source(turns=(make_turn(2),)), kind="full")
    pdf = render_pdf(source, kind="full")
    pages = len(reader(pdf).pages)
    assert pages >= len(reader(short).pages) + 2
    text = squeeze(body_text(pdf))
    assert squeeze(words) in text and unbroken in text
    assert_images(render_pages(pdf, "long-answers"), count=pages)


def test_trend_chart_only_with_more_than_one_finished_interview():
    alone = render_pdf(make_source(questions=3), kind="full")
    assert "Progress across interviews" not in text_of(alone)
    source = make_source(questions=3, earlier=4)  # 2 earlier Excel, 2 Data analyst, this one
    pdf = render_pdf(source, kind="full")
    text = " ".join(text_of(pdf).split())
    assert "Progress across interviews" in text and "3 finished Excel interviews" in text
    assert "Data analyst" not in text.split("Progress across interviews")[1].split("Question")[0]
    first, last = source.trend[0], source.trend[-1]
    assert first.track == last.track == "excel"
    assert f"overall{last.overall - first.overall:+d}" in squeeze(text)
    assert_images(render_pages(pdf, "trend"), count=len(reader(pdf).pages))


def test_same_input_same_bytes_and_metadata():
    source = make_source(candidate="Анна Каренина", questions=4, earlier=1)
    for kind in ("full", "summary"):
        assert render_pdf(source, kind=kind) == render_pdf(source, kind=kind)
    meta = reader(render_pdf(source, kind="full")).metadata
    assert meta is not None and meta.title == "Interview report: Анна Каренина"
    assert meta.creation_date is not None and meta.creation_date.date() == source.finished_at.date()


def test_built_in_memory_without_temporary_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(tmp_path)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a report must not touch temporary files")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile",
                 "SpooledTemporaryFile", "TemporaryDirectory"):  # fmt: skip
        monkeypatch.setattr(tempfile, name, refuse)
    system_tmp = set(Path(tempfile.gettempdir()).iterdir())
    source = make_source(candidate="李小龍", questions=5, earlier=2)
    for kind in ("full", "summary"):
        assert render_pdf(source, kind=kind).startswith(b"%PDF-")
    assert set(Path(tempfile.gettempdir()).iterdir()) == system_tmp == set()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]


def test_a_report_with_every_question_skipped_still_builds():
    turns = tuple(make_turn(i, skipped=True) for i in range(3))
    source = make_source(turns=turns)
    for kind in ("full", "summary"):
        pdf = render_pdf(source, kind=kind)
        assert "Skipped" in text_of(pdf) or "skipped" in text_of(pdf)


def test_formula_tasks_show_cells_and_unscored_dimensions():
    turns = tuple(make_turn(i, formula=True) for i in range(3))
    source = make_source(turns=turns, earlier=1)
    assert set(source.report.averages) == {"technical"}
    pdf = render_pdf(source, kind="full")
    text = squeeze(text_of(pdf))
    assert "Communicationnotscored" in text and "Confidencenotscored" in text
    assert "CHECKEDCELLS" in text and "F4(empty)#N/A✗" in text and "F2120120✓" in text
    assert "n/a" in text_of(pdf)
    summary = render_pdf(source, kind="summary")
    assert len(reader(summary).pages) == 1
    assert_images(render_pages(pdf, "formula-full"), count=len(reader(pdf).pages))
