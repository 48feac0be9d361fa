"""reports/ is pure: no web framework, no database, no reach into web/ or storage/."""

from __future__ import annotations

from tests.test_architecture import SRC, imported_modules, modules_in

FORBIDDEN = ("fastapi", "starlette", "sqlalchemy", "alembic", "httpx", "uvicorn")
OUTWARD = ("interviewer.web", "interviewer.storage", "interviewer.llm", "interviewer.cli")


def test_reports_import_neither_frameworks_nor_adapters():
    paths = modules_in("reports")
    assert paths
    for path in paths:
        bad = {
            m
            for m in imported_modules(path)
            if m.split(".")[0] in FORBIDDEN or m.startswith(OUTWARD)
        }
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DroidSansFallbackFull.ttf",
    "NanumSquareR.ttf",
    "NanumSquareB.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansThai-Bold.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
)


def test_the_fonts_and_their_licences_ship_in_the_package():
    fonts = SRC / "reports" / "fonts"
    for name in FONTS:
        assert (fonts / name).stat().st_size > 30_000, name
    assert "Bitstream" in (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Apache License" in (fonts / "LICENSE-DroidSansFallback.txt").read_text(encoding="utf-8")
    for licence in ("LICENSE-Nanum-OFL.txt", "LICENSE-Noto-OFL.txt"):
        text = (fonts / licence).read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE" in text.upper() and "PERMISSION & CONDITIONS" in text
    readme = (fonts / "README.md").read_text(encoding="utf-8")
    assert all(name in readme or name.split("-")[0] in readme for name in FONTS)


def test_the_fonts_stay_a_reasonable_size():
    """9 MB at most: today 7.3 MB, of which Droid Sans Fallback (CJK) is 4 MB."""
    fonts = SRC / "reports" / "fonts"
    assert sum(p.stat().st_size for p in fonts.iterdir()) < 9 * 1024 * 1024
