from __future__ import annotations

from datetime import date

import pytest

from interviewer.reports import report_filename
from interviewer.reports.filenames import slug

DAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("José Müller", "jose-muller"),
        ("Анна Каренина", "anna-karenina"),
        ("Γιώργος Παπαδόπουλος", "giorgos-papadopoulos"),
        ("李小龍", "candidate"),
        ("Ada 🚀 Lovelace", "ada-lovelace"),
        ('../../etc/passwd"; rm -rf /', "etc-passwd-rm-rf"),
        ("Øyvind Łukasz Straße", "oyvind-lukasz-strasse"),
        ("", "candidate"),
        ("x" * 300, "x" * 48),
    ],
)
def test_slugs_are_safe_ascii(name: str, expected: str):
    assert slug(name) == expected


def test_file_names_carry_kind_candidate_and_date():
    assert (
        report_filename("José Müller", DAY, kind="summary", extension="pdf")
        == "interview-summary-jose-muller-2026-11-23.pdf"
    )
    name = report_filename('a"b\r\nc', DAY, kind="report", extension="md")
    assert name == "interview-report-a-b-c-2026-11-23.md"
    assert all(c.isascii() and (c.isalnum() or c in "-.") for c in name)
