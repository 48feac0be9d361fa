"""Report exports: PDF (full and one-page summary), Markdown. Pure: no web, no database."""

from interviewer.reports.filenames import report_filename
from interviewer.reports.markdown import render_markdown
from interviewer.reports.pdf import PdfKind, render_pdf
from interviewer.reports.source import HistoryPoint, ReportSource

__all__ = [
    "HistoryPoint",
    "PdfKind",
    "ReportSource",
    "render_markdown",
    "render_pdf",
    "report_filename",
]
