"""An earlier revision's source, run beside the current one in the same benchmark.

`git archive REV src` unpacked in a folder and put first on PYTHONPATH: the same virtualenv,
the same machine at the same moment, only the project's code differs. Figures from separate
runs on a shared machine are not comparable (docs/performance.md); a ratio measured in one run
is.
"""

from __future__ import annotations

import subprocess
import tarfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def unpack(revision: str, folder: Path) -> Path:
    """The revision's src/ under folder; returns the path to put on PYTHONPATH."""
    archive = subprocess.run(
        ["git", "archive", revision, "src"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def describe(revision: str) -> str:
    return subprocess.run(
        ["git", "log", "-1", "--format=%h %s", revision],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()[:72]
