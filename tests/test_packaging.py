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
