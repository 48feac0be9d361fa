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


def test_the_fonts_and_their_licences_ship_in_the_package():
    fonts = SRC / "reports" / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf"):
        assert (fonts / name).stat().st_size > 100_000, name
    assert "Bitstream" in (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Apache License" in (fonts / "LICENSE-DroidSansFallback.txt").read_text(encoding="utf-8")
