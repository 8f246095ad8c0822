"""Issue 18: warm kernels. A notebook run on a warm kernel (the package already imported, the
kernel used before) is what papermill writes with a fresh one: the same outputs and execution
counts, nothing left from the notebook before."""

from __future__ import annotations

import nbformat
import papermill as pm
import pytest

from lkjip_analysis.pipeline.kernels import ENGINE, warm_kernels
from lkjip_analysis.pipeline.pipeline import KERNEL, KERNEL_ARGUMENTS, NOTEBOOKS_DIR


def notebook(path, *sources: str):
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    book.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3",
                                   "language": "python"}
    nbformat.write(book, path)
    return path


def run(source, target, kernels=None):
    engine = {"engine_name": ENGINE, "pool": kernels} if kernels is not None else {}
    pm.execute_notebook(source, target, kernel_name=KERNEL, progress_bar=False,
                        cwd=str(NOTEBOOKS_DIR), extra_arguments=KERNEL_ARGUMENTS, **engine)
    return nbformat.read(target, as_version=4)


def shown(book):
    return [(c.execution_count, [o.get("text") or o.get("data", {}).get("text/plain")
                                 for o in c.outputs]) for c in book.cells]


@pytest.fixture(scope="module")
def kernels():
    with warm_kernels(1, KERNEL, str(NOTEBOOKS_DIR), KERNEL_ARGUMENTS) as pool:
        yield pool


def test_a_warm_kernel_writes_what_a_fresh_one_writes(tmp_path, kernels):
    source = notebook(tmp_path / "uji.ipynb", "x = 41\nprint(x + 1)", "x", "import sys\n1 + 1")
    fresh = run(source, tmp_path / "segar.ipynb")
    warm = run(source, tmp_path / "hangat.ipynb", kernels)
    assert shown(warm) == shown(fresh) == [(1, ["42\n"]), (2, ["41"]), (3, ["2"])]


def test_nothing_is_left_from_the_notebook_before(tmp_path, kernels):
    run(notebook(tmp_path / "pertama.ipynb", "sisa = 'DATA UJI'"), tmp_path / "a.ipynb", kernels)
    second = run(notebook(tmp_path / "kedua.ipynb", "'sisa' in globals()",
                          "import sys\n'lkjip_analysis.notebook' in sys.modules"),
                 tmp_path / "b.ipynb", kernels)
    assert shown(second) == [(1, ["False"]), (2, ["True"])]  # a clean namespace, warm imports


def test_a_failing_cell_fails_the_run_as_with_papermill(tmp_path, kernels):
    source = notebook(tmp_path / "gagal.ipynb", "1 / 0")
    with pytest.raises(pm.PapermillExecutionError, match="ZeroDivisionError"):
        run(source, tmp_path / "c.ipynb", kernels)
    after = run(notebook(tmp_path / "lagi.ipynb", "2 + 2"), tmp_path / "d.ipynb", kernels)
    assert shown(after) == [(1, ["4"])]  # the kernel is reused after a failure


def test_a_warm_kernel_runs_a_report_both_versions_written(tmp_path, kernels, monkeypatch):
    from lkjip_analysis.audiences import BOTH_VERSIONS

    monkeypatch.delenv(BOTH_VERSIONS, raising=False)
    book = run(notebook(tmp_path / "versi.ipynb", f"import os\nos.environ.get({BOTH_VERSIONS!r})"),
               tmp_path / "e.ipynb", kernels)
    assert shown(book) == [(1, ["'1'"])]


def test_the_engine_module_imports_before_or_after_papermill():
    """papermill loads the engine through its entry point while it is itself importing: the
    engine is registered whichever of the two a process imports first."""
    import subprocess
    import sys

    check = ("from papermill.engines import papermill_engines\n"
             "assert papermill_engines.get_engine('lkjip') is m.WarmEngine\n")
    for first in ("import lkjip_analysis.pipeline.papermill_engine as m\nimport papermill\n",
                  "import papermill\nimport lkjip_analysis.pipeline.papermill_engine as m\n"):
        done = subprocess.run([sys.executable, "-c", first + check], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
