"""What a report was built with, for the auditor's cover: the package and its commit, Python and
the libraries that computed and drew it. Stable for a given checkout and environment, so that
a rebuild (`lkjip verify`) writes the same bytes."""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata

from ..config import PROJECT_ROOT

LIBRARIES = ("pandas", "numpy", "matplotlib", "seaborn", "papermill", "nbconvert", "pandera",
             "babel", "pdfplumber", "python-docx")
# what decides the numbers and the pages: a commit that changes nothing of these is not named
CODE_PATHS = ("lkjip_analysis", "notebooks", "pyproject.toml")


def build_info() -> str:
    """`lkjip-analysis 0.1.0 (commit 1a2b3c4) · Python 3.11.2 · pandas 2.2.3 · …`."""
    parts = [package_build(), f"Python {platform.python_version()}"]
    parts += [f"{name} {_version(name)}" for name in LIBRARIES]
    return " · ".join(parts)


def package_build() -> str:
    """`lkjip-analysis 0.1.0 (commit 1a2b3c4)`."""
    return f"lkjip-analysis {_version('lkjip-analysis')} ({commit()})"


def commit() -> str:
    """The git commit that last changed the code, and whether the checkout differs from it."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(PROJECT_ROOT), *args], capture_output=True,
                              text=True, timeout=10, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    try:
        last = git("log", "-1", "--format=%h", "--", *CODE_PATHS)
        changed = git("status", "--porcelain", "--", *CODE_PATHS)
    except (OSError, subprocess.SubprocessError):
        last = changed = ""
    if not last:
        return "commit tidak diketahui: bukan salinan git"
    return f"commit {last}" + (", dengan perubahan yang belum di-commit" if changed else "")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "tidak terpasang"
