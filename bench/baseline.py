"""An earlier revision's source, run beside the current one in the same benchmark.

`git archive REV src` unpacked in a folder and put first on PYTHONPATH: the same virtualenv,
the same machine at the same moment, only the project's code differs. Figures from separate
runs on a shared machine are not comparable (docs/performance.md); a ratio measured in one run
is.
"""

from __future__ import annotations

import re
import subprocess
import tarfile
import tomllib
from importlib import metadata
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


def _requirement_names(pyproject: str) -> set[str]:
    dependencies = tomllib.loads(pyproject)["project"]["dependencies"]
    return {re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0].lower() for d in dependencies}


def _needed_by_other_packages() -> set[str]:
    """Packages another installed distribution requires outright (numpy for `formulas`): the
    baseline imports them through that package whether it listed them or not. Optional ones,
    such as uvloop for uvicorn[standard], stay hidden."""
    needed: set[str] = set()
    for dist in metadata.distributions():
        if dist.metadata["Name"].lower() == "mock-interviewer":
            continue
        for requirement in dist.requires or ():
            if "extra ==" not in requirement:
                needed.add(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower())
    return needed


def hide_new_dependencies(revision: str, source: Path) -> list[str]:
    """Packages the current code depends on and the revision did not, made unimportable for
    it (a stub that raises ImportError, first on PYTHONPATH): uvicorn picks httptools and
    uvloop whenever they import, so without this the baseline would run on them too."""
    then = subprocess.run(
        ["git", "show", f"{revision}:pyproject.toml"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    now = (ROOT / "pyproject.toml").read_text()
    needed = _needed_by_other_packages()
    added = sorted(_requirement_names(now) - _requirement_names(then) - needed)
    for name in added:
        stub = source / name.replace("-", "_")
        stub.mkdir(exist_ok=True)
        (stub / "__init__.py").write_text(
            f"raise ImportError('{name} is not a dependency of the baseline revision')\n"
        )
    return added
