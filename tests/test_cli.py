"""The command line: documented, in the README, exit codes as promised."""

import subprocess
import sys

import pytest

from lkjip_analysis.cli import COMMANDS, build_parser, main
from lkjip_analysis.config import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name, capsys):
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "Example: lkjip " + name in text
    assert f"lkjip {name}" in README


def test_top_level_help_lists_every_command():
    text = build_parser().format_help()
    for name in COMMANDS:
        assert name in text


def test_unknown_year_exits_1(caplog):
    assert main(["extract", "--year", "1999"]) == 1
    assert "years available: 2020" in caplog.text


def test_wrong_usage_exits_2():
    result = subprocess.run([sys.executable, "-m", "lkjip_analysis.cli", "extract", "--year",
                             "x"], capture_output=True, text=True)
    assert result.returncode == 2


def test_strict_audit_exits_3_on_disagreement(data_root, tmp_path, capsys):
    code = main(["audit", "--data-dir", str(data_root), "--reports-dir", str(tmp_path),
                 "--strict"])
    assert code == 3
    out = capsys.readouterr().out
    assert "141 pemeriksaan: 100 cocok, 41 tidak cocok" in out
    assert "26.661.611.467" in out  # Indonesian format in the printed table
    assert (tmp_path / "2020" / "temuan_audit.csv").exists()


def test_notebook_parameters_are_read_as_yaml_scalars(monkeypatch):
    from lkjip_analysis import parameters
    from lkjip_analysis.cli import _parameters

    monkeypatch.setattr(parameters, "notebook_parameters",
                        lambda: {"top": "int", "label": "str", "flag": "bool"})
    assert _parameters([["top", "15"], ["label", "/srv/data"], ["flag", "true"]]) == {
        "top": 15, "label": "/srv/data", "flag": True}
