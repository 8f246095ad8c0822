"""The command line: documented, in the README, exit codes as promised."""

import subprocess
import sys

import pytest

from lkjip_analysis.cli import COMMANDS, build_parser, main
from lkjip_analysis.config import NOTEBOOKS_DIR, PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name, capsys):
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "Contoh: lkjip " + name in text
    assert f"lkjip {name}" in README


def test_top_level_help_lists_every_command():
    text = build_parser().format_help()
    for name in COMMANDS:
        assert name in text


def test_unknown_year_exits_1(caplog):
    assert main(["extract", "--year", "1999"]) == 1
    assert "tahun yang ada: 2020" in caplog.text


def test_wrong_usage_exits_2():
    result = subprocess.run([sys.executable, "-m", "lkjip_analysis.cli", "extract", "--year",
                             "x"], capture_output=True, text=True)
    assert result.returncode == 2


def test_strict_audit_exits_3_on_disagreement(data_root, tmp_path, capsys):
    code = main(["audit", "--data-dir", str(data_root), "--reports-dir", str(tmp_path),
                 "--strict"])
    assert code == 3
    out = capsys.readouterr().out
    assert "141 pemeriksaan: 99 cocok, 42 tidak cocok" in out
    assert "26.661.611.467" in out  # Indonesian format in the printed table
    assert (tmp_path / "2020" / "temuan_audit.csv").exists()


def test_notebook_parameters_are_read_as_yaml_scalars(monkeypatch):
    from lkjip_analysis.cli import _parameters
    from lkjip_analysis.pipeline import parameters

    monkeypatch.setattr(parameters, "notebook_parameters",
                        lambda: {"top": "int", "label": "str", "flag": "bool"})
    assert _parameters([["top", "15"], ["label", "/srv/data"], ["flag", "true"]]) == {
        "top": 15, "label": "/srv/data", "flag": True}


@pytest.mark.parametrize("command", ["init", "template", "import"])
def test_a_new_year_command_needs_its_year(command, tmp_path, capsys):
    extra = [str(tmp_path / "laporan.pdf")] if command == "import" else []
    assert main([command, *extra, "--data-dir", str(tmp_path)]) == 2
    assert "memerlukan --year" in capsys.readouterr().err
    assert not (tmp_path / "raw").exists()


def test_without_a_year_a_command_takes_the_latest_year_and_says_so(tmp_path, caplog,
                                                                      monkeypatch):
    import lkjip_analysis.pipeline.steps as steps

    for year in ("2019", "2021", "2020"):
        (tmp_path / "raw" / year).mkdir(parents=True)
    asked = []
    monkeypatch.setattr(steps, "extract",
                        lambda year, *_: asked.append(year) or [tmp_path / "x.csv"])
    caplog.set_level("INFO")
    assert main(["extract", "--data-dir", str(tmp_path)]) == 0
    assert asked == [2021] and "memakai 2021" in caplog.text


def test_build_without_a_year_builds_every_year(monkeypatch, tmp_path):
    import lkjip_analysis.lintas_tahun.build as cross

    called = []
    monkeypatch.setattr(cross, "build_all", lambda *a: called.append(a) or tmp_path)
    assert main(["build", "--data-dir", str(tmp_path)]) == 0
    assert called and called[0][0] == str(tmp_path)


def test_notebooks_validate_without_the_unused_iri_format_checker():
    """The command line blocks rfc3987_syntax (a second of import at every build); nbformat
    still validates a notebook, and fails an invalid one."""
    code = ("from lkjip_analysis.cli import without_unused_format_checker as w; w()\n"
            "import nbformat, jsonschema\n"
            "book = nbformat.read(sys.argv[1], as_version=4); nbformat.validate(book)\n"
            "book.cells[0]['cell_type'] = 'nonsense'\n"
            "try:\n    nbformat.validate(book)\nexcept nbformat.ValidationError:\n"
            "    print('invalid refused')\n"
            "print('iri' in jsonschema.FormatChecker.checkers)")
    done = subprocess.run([sys.executable, "-c", "import sys\n" + code,
                           str(NOTEBOOKS_DIR / "01_sdm.ipynb")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["invalid", "refused", "False"]
