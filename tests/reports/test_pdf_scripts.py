"""Names in Hangul, Thai and Devanagari (and Latin, CJK) drawn with real glyphs and read back."""

from __future__ import annotations

import pytest

from interviewer.reports import render_pdf
from interviewer.reports.shaping import needs_shaping
from interviewer.reports.typography import covers, register_fonts, runs
from tests.reports.pdftools import (
    PDF_ARTIFACTS,
    assert_images,
    font_names,
    poppler_text,
    reader,
    render_pages,
    squeeze,
    text_of,
)
from tests.reports.samples import make_source, make_turn

NAMES = {
    "korean": "김민준",
    "thai": "สมชาย ใจดี",
    "devanagari": "अनन्या शर्मा",
    "latin": "José Müller",
    "cjk": "李小龍",
}
FONT_FILES = {
    "korean": "NanumSquare",
    "thai": "NotoSansThai",
    "devanagari": "NotoSansDevanagari",
}


@pytest.mark.parametrize("script", sorted(NAMES))
def test_every_character_of_the_name_has_a_glyph_in_the_font_chosen_for_it(script: str):
    name = NAMES[script]
    for font in ("ReportSans", "ReportSans-Bold"):  # body text and the bold title band
        chosen = runs(name, font)
        assert "".join(text for _font, text in chosen) == name, (font, chosen)
        for run_font, text in chosen:
            for char in text.replace(" ", ""):
                assert covers(run_font, char), f"{char!r} U+{ord(char):04X} not in {run_font}"


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_render_in_both_pdfs_and_read_back_as_typed(script: str):
    name = NAMES[script]
    source = make_source(candidate=name, questions=3, earlier=1)
    for kind in ("full", "summary"):
        pdf = render_pdf(source, kind=kind)
        text = poppler_text(pdf)
        # The title band, the running header of the full report and the document subject.
        assert squeeze(name) in squeeze(text), (kind, text[:300])
        fonts = font_names(pdf)
        assert all(fonts.values()), fonts
        if script in FONT_FILES:
            assert any(FONT_FILES[script] in font for font in fonts), fonts
        assert "\ufffd" not in text
        pages = render_pages(pdf, f"name-{script}-{kind}", root=PDF_ARTIFACTS)
        assert_images(pages, count=len(reader(pdf).pages))


def test_simple_scripts_read_back_with_pypdf_too():
    """pypdf ignores /ActualText: only text that needs no shaping reads back glyph by glyph."""
    for script in ("korean", "latin", "cjk"):
        pdf = render_pdf(make_source(candidate=NAMES[script], questions=2), kind="summary")
        assert squeeze(NAMES[script]) in squeeze(text_of(pdf)), script


def test_thai_and_devanagari_are_shaped_in_answers_and_mixed_with_punctuation():
    answer = "ผมใช้ (สมชาย) ที่นี่: น้ำ — मैंने प्रिया के साथ काम किया (शर्मा), किरण।"
    source = make_source(candidate="स्वाति · ดวงใจ", turns=(make_turn(0, answer=answer),))
    pdf = render_pdf(source, kind="full")
    text = poppler_text(pdf)
    assert squeeze(answer) in squeeze(text)
    assert squeeze("स्वाति · ดวงใจ") in squeeze(text)
    assert "\ufffd" not in text
    render_pages(pdf, "shaped-answer", dpi=90, root=PDF_ARTIFACTS)


def test_shaping_is_applied_only_where_the_script_needs_it():
    assert needs_shaping("สมชาย") and needs_shaping("अनन्या")
    assert not needs_shaping("김민준 José 李小龍")
    register_fonts()
    from reportlab.platypus import paragraph

    from interviewer.reports import shaping

    assert paragraph.shapeFragWord is shaping.shape_frag_word  # type: ignore[attr-defined]


def test_a_thai_phrase_longer_than_a_line_wraps_without_boxes():
    """Thai has no spaces between words: a phrase wider than its line is split by ReportLab,
    so it is drawn unshaped rather than as shaped glyphs cut apart (which show as boxes)."""
    phrase = "ผมจะใช้ฟังก์ชันดัชนีและการจับคู่เพราะมันค้นหาได้ทั้งซ้ายและขวาและไม่พังเมื่อแทรกคอลัมน์ใหม่"
    source = make_source(turns=(make_turn(0, answer=phrase * 6),))
    pdf = render_pdf(source, kind="full")
    for text in (poppler_text(pdf), text_of(pdf)):  # unshaped: pypdf reads it back too
        assert squeeze(phrase * 6) in squeeze(text)
    text = poppler_text(pdf)
    assert "\ufffd" not in text and not any("\ue000" <= c <= "\uf8ff" for c in text)
    render_pages(pdf, "thai-long-phrase", dpi=90, root=PDF_ARTIFACTS)
