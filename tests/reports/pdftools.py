"""Reading PDFs back for the tests: text (pypdf), links, fonts, and PNG pages (pdftoppm)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

OUTPUT = Path(__file__).parents[2] / "test-output"
ARTIFACTS = OUTPUT / "reports"
PDF_ARTIFACTS = OUTPUT / "pdf"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def reader(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(pdf).pages)


RUNNING = re.compile(
    r"^(Interview report · .*|Mock Interviewer · .*|Page \d+ of \d+|[\w -]+ · \d{1,2} \w{3} \d{4})$"
)


def body_text(pdf: bytes) -> str:
    """The text without the running header and footer, so paragraphs read on across pages."""
    lines = text_of(pdf).splitlines()
    return "\n".join(line for line in lines if not RUNNING.match(line.strip()))


def squeeze(text: str) -> str:
    """Without any whitespace: wrapped lines and split long words compare equal."""
    return re.sub(r"\s+", "", text)


def link_uris(pdf: bytes) -> list[str]:
    uris: list[str] = []
    for page in reader(pdf).pages:
        for ref in page.get("/Annots") or []:
            annotation: Any = ref.get_object()
            action = annotation.get("/A")
            if annotation.get("/Subtype") == "/Link" and action and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def font_names(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use, and whether its glyphs are embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources: Any = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            descendants = font.get("/DescendantFonts")
            if descriptor is None and descendants:
                descriptor = descendants[0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font.get("/BaseFont"))] = embedded
    return fonts


def _poppler(tool_name: str) -> str:
    tool = shutil.which(tool_name)
    if tool is None:
        message = f"{tool_name} not found: apt-get install poppler-utils (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return tool


def poppler_text(pdf: bytes, *, page: int | None = None) -> str:
    """The text as Poppler's pdftotext reads it: it follows /ActualText, so shaped Thai and
    Devanagari read back as typed (pypdf reads their glyphs one by one)."""
    tool = _poppler("pdftotext")
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    done = subprocess.run(
        [tool, "-enc", "UTF-8", *pages, "-", "-"],
        input=pdf,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


def render_pages(pdf: bytes, name: str, *, dpi: int = 60, root: Path = ARTIFACTS) -> list[Path]:
    """Every page as a PNG under test-output/reports/<name>/ (kept as test artifacts)."""
    tool = _poppler("pdftoppm")
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    (folder / "report.pdf").write_bytes(pdf)
    subprocess.run(
        [tool, "-png", "-r", str(dpi), str(folder / "report.pdf"), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def filled_share(page: Path, *, top: float, bottom: float) -> float:
    """How far down the body frame (between `top` and `bottom`, fractions of the page height)
    the page's content reaches: 1.0 when the frame is used to its foot."""
    with Image.open(page) as image:
        grey = image.convert("L")
        width, height = grey.size
        first, last = round(top * height), round(bottom * height)
        lowest = first
        for y in range(first, last):
            row = grey.crop((0, y, width, y + 1))
            if row.getextrema()[0] < 235:
                lowest = y
    return (lowest - first) / max(1, last - first)


def assert_images(pages: list[Path], *, count: int) -> None:
    """As many PNGs as pages, each a real image with something drawn on it."""
    assert len(pages) == count, [p.name for p in pages]
    for page in pages:
        assert page.read_bytes().startswith(PNG_SIGNATURE), page
        with Image.open(page) as image:
            darkest, lightest = image.convert("L").getextrema()
            assert image.width > 300 and image.height > 400, page
            assert darkest < 100 and lightest > 200, f"{page} looks blank"
