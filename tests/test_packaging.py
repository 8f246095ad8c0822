"""The environment descriptions stay in step."""

import re
import tomllib

from lkjip_analysis.config import PROJECT_ROOT


def package_names(requirements):
    return {re.split(r"[<>=!~ ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = package_names(project["dependencies"] + project["optional-dependencies"]["test"])
    lines = (PROJECT_ROOT / "environment.yml").read_text().splitlines()
    listed = {m.group(1).lower() for line in lines
              if (m := re.match(r"\s+- ([A-Za-z][\w.-]*)", line))} - {"python", "pip"}
    assert listed == wanted
