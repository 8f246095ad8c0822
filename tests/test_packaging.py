"""The environment descriptions stay in step."""

import re
import tomllib

import yaml

from lkjip_analysis.config import PROJECT_ROOT


def package_names(requirements):
    return {re.split(r"[<>=!~ ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = package_names(project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    listed = package_names(d for d in env["dependencies"] if isinstance(d, str))
    assert listed - {"python", "pip"} == wanted
    assert {"pip": ["-e ."]} in env["dependencies"]


def test_the_lab_opens_quietly_on_a_server():
    """`make lab` on a server (no display) does not try a browser, and the venv's JupyterLab
    asks nothing about Jupyter news (issue 26)."""
    import json
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    dry = subprocess.run(["make", "--no-print-directory", "-n", "lab"], cwd=PROJECT_ROOT,
                         env=env, capture_output=True, text=True, check=True).stdout
    [command] = [line for line in dry.splitlines() if "jupyter lab" in line]
    if os.uname().sysname != "Darwin":
        assert "--no-browser" in command
    settings = json.loads((PROJECT_ROOT / "etc" / "jupyterlab_overrides.json").read_text())
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    installed = PROJECT_ROOT / ".venv" / "share" / "jupyter" / "lab" / "settings"
    assert json.loads((installed / "overrides.json").read_text()) == settings


def test_no_package_folder_is_one_git_ignores():
    """`lkjip_analysis/build/` matched `.gitignore`'s `build/`: a new module there was left out
    of a commit unsaid (issue 35). Every folder of the package is one git tracks."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    folders = [str(p.relative_to(PROJECT_ROOT) / "module.py")
               for p in (PROJECT_ROOT / "lkjip_analysis").rglob("*")
               if p.is_dir() and "__pycache__" not in p.parts]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *folders], cwd=PROJECT_ROOT,
                             capture_output=True, text=True).stdout.split()
    assert ignored == []
