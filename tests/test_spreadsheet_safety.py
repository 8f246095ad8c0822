"""CSVs that auditors open in a spreadsheet carry no live formula; machine CSVs stay data."""

import csv
import io

from helpers import edit_line

from lkjip_analysis import load
from lkjip_analysis.audit import audit, findings_csv_bytes
from lkjip_analysis.data.datasets import csv_bytes
from lkjip_analysis.data.spreadsheet import neutralise

FORMULA = '=HYPERLINK("http://x","y")'


def test_neutralise_follows_owasp():
    assert [neutralise(v) for v in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", 5,
                                    -5.5, None]] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "ok", 5, -5.5, None]


def test_a_formula_in_the_document_is_neutralised_in_the_audit_csv(data_root):
    edit_line(data_root / "raw" / "2020" / "lkjip_2020_dinsos_kaltim.md", 303, "Kepala Dinas",
              FORMULA)
    d = load(2020, data_root)
    findings = audit(d)
    rows = list(csv.DictReader(io.StringIO(findings_csv_bytes(findings).decode("utf-8"))))
    touched = [r for r in rows if FORMULA in r["uraian"]]
    assert touched and all(r["uraian"].startswith("'" + FORMULA) for r in touched)
    assert not any(v.startswith("=") for r in rows for v in r.values())
    assert rows[0]["dilaporkan"] == "1" and rows[0]["selisih"] == "0"  # numbers stay numbers
    machine = list(csv.DictReader(io.StringIO(csv_bytes(d.sdm).decode("utf-8"))))
    assert machine[0]["jabatan"] == FORMULA  # processed data stays as the document says
