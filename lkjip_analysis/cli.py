"""`lkjip`: the command line. Each command is a thin wrapper over one library function.

Exit status: 0 success, 1 bad input or a failed step (the message says where and what to do),
2 wrong usage, 3 `audit --strict` found a disagreement, 4 `verify` found a difference.
Heavy libraries are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from .errors import LkjipError
from .i18n import N_, _, translate_argparse
from .markup import printable


class UsageError(LkjipError):
    """Flags that contradict each other: exit 2."""

log = logging.getLogger("lkjip")
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}
DEFAULT_YEAR = 2020


def command(description: str) -> Callable:
    """Register a `cmd_<name>` function as the `lkjip <name>` command; `description` (marked
    for the catalog, translated when the parser is built) is its help."""
    def register(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        func.description = description
        func.__doc__ = func.__doc__ or description
        COMMANDS[func.__name__.removeprefix("cmd_")] = func
        return func
    return register


def _folder(text: str) -> str:
    """A folder to read from and write to: missing is fine (it is made), a file is not."""
    from pathlib import Path

    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(_("{path} is not a folder").format(path=text))
    return text


@command(N_("Read a year's raw data and write data/processed/<year>/ (CSV per dataset + "
            "workbook).\n\nExample: lkjip extract --year 2020"))
def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline.steps import extract

    files = extract(args.year, args.data_dir)
    log.info(_("wrote %d files to %s"), len(files), files[0].parent)
    return 0


@command(N_("Read the SAKIP core of a year's report, of any agency: the performance agreement, "
            "the\nmeasurement of performance and the budget realisation, found by their "
            "headers' words;\naudit it and write data/processed/inti/<year>/ (a CSV per "
            "dataset, temuan_inti.csv).\nSays what the report holds and lacks.\n\nExample: "
            "lkjip inti --year 2022"))
def cmd_inti(args: argparse.Namespace) -> int:
    from .pipeline.inti import write_core

    for line in write_core(args.year, args.data_dir).lines():
        print(line)
    return 0


@command(N_("Recompute every figure the report derives and list where it disagrees with "
            "itself.\n\nPrints the findings, writes reports/<year>/temuan_audit.csv and adds "
            "a temuan_audit\nsheet to the processed workbook. With --strict, exits 3 when any "
            "check disagrees.\n\nExample: lkjip audit --year 2020 --strict"))
def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import TIDAK_COCOK, summary
    from .pipeline.steps import run_audit

    findings = run_audit(args.year, args.data_dir, args.reports_dir)
    print(format_findings(findings))
    print(summary(findings))
    return 3 if args.strict and (findings.status == TIDAK_COCOK).any() else 0


cmd_audit.options = [
    (("--strict",), {"action": "store_true",
                     "help": N_("exit 3 when any check is tidak_cocok")}),
    (("--reports-dir",), {"default": None, "type": _folder, "metavar": N_("FOLDER"),
                          "help": N_("reports root (default: ./reports)")}),
]


@command(N_("Execute the notebooks with papermill into reports/<year>/notebooks/ (figures "
            "into\nreports/<year>/figures/). A failing notebook is kept in "
            "reports/<year>/failed/.\n\nExample: lkjip run --year 2020 --notebook 03_anggaran "
            "-p year 2020"))
def cmd_run(args: argparse.Namespace) -> int:
    from .pipeline.pipeline import run

    executed = run(args.year, args.data_dir, args.reports_dir, args.notebook,
                   _parameters(args.parameter), args.jobs)
    log.info(_("executed %d notebooks into %s"), len(executed), executed[0].parent)
    return 0


cmd_run.options = [
    cmd_audit.options[1],
    (("--notebook",), {"action": "append", "metavar": N_("NAME"),
                       "help": N_("run only this notebook (repeatable), e.g. 02_kinerja")}),
    (("-p", "--parameter"), {"nargs": 2, "action": "append", "metavar": (N_("KEY"), N_("VALUE")),
                             "default": [], "help": N_("notebook parameter (repeatable)")}),
]


@command(N_("Export the executed notebooks as one report: reports/<year>/laporan_<year>.html "
            "for\nreaders (no code) and laporan_<year>_audit.html (with code), both "
            "self-contained.\n\nExample: lkjip export --year 2020 --pdf"))
def cmd_export(args: argparse.Namespace) -> int:
    from .pipeline.pipeline import export

    for path in export(args.year, args.data_dir, args.reports_dir, args.pdf):
        log.info(_("wrote %s"), path)
    return 0


cmd_export.options = [
    cmd_audit.options[1],
    (("--pdf",), {"action": "store_true",
                  "help": N_("also print laporan_<year>.pdf with a headless Chromium")}),
]


@command(N_("Extract, audit, run every notebook and export: the whole year in one command. "
            "With\n--all: every year that has raw data (unchanged years reused), then the "
            "cross-year\noutputs (data/processed/tren/, reports/temuan_lintas_tahun.csv, "
            "reports/index.html).\n\nExample: lkjip build --year 2020; lkjip build --all"))
def cmd_build(args: argparse.Namespace) -> int:
    if args.all:
        if args.year_given:
            raise UsageError(_("--all builds every year: give --all or --year, not both"))
        from .lintas_tahun.build import build_all

        index = build_all(args.data_dir, args.reports_dir, args.pdf,
                          _parameters(args.parameter), args.force, args.jobs, args.wait)
        log.info(_("every year ready: %s"), index)
        return 0
    from .pipeline.pipeline import build

    folder = build(args.year, args.data_dir, args.reports_dir, args.pdf,
                   _parameters(args.parameter), args.force, args.jobs, args.wait)
    log.info(_("report ready: %s"), folder / f"laporan_{args.year}.html")
    return 0


def _positive(text: str) -> int:
    """A count of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("must be a whole number of at least 1, got {text!r}").format(text=text))
    return int(text)


def _seconds(text: str) -> float:
    """A number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86_400:
        raise argparse.ArgumentTypeError(
            _("must be a number of seconds from 0 to 86400, got {text!r}").format(text=text))
    return value


WAIT_OPTION = (("--wait",), {"type": _seconds, "default": 0, "metavar": N_("SECONDS"),
                             "help": N_("wait this long for another run of the same year(s) "
                                        "to finish (default: stop at once)")})


_JOBS = (("--jobs",), {"type": _positive, "default": None, "metavar": "N",
                       "help": N_("notebooks run at once (default: the number of cores)")})
cmd_run.options.append(_JOBS)
cmd_build.options = [*cmd_export.options, cmd_run.options[2], _JOBS,
                     (("--force",), {"action": "store_true",
                                     "help": N_("rebuild even when nothing changed")}),
                     (("--all",), {"action": "store_true",
                                   "help": N_("every year with raw data, then the cross-year "
                                              "outputs")}),
                     WAIT_OPTION]


@command(N_("Prepare data/raw/<year>/ for a new report: an empty koreksi.yaml with its "
            "format, and\nthe next steps. Existing files are left as they are.\n\nExample: "
            "lkjip init --year 2021"))
def cmd_init(args: argparse.Namespace) -> int:
    from .newyear import init_year

    for line in init_year(args.year, args.data_dir):
        print(line)
    return 0


@command(N_("Write an empty workbook in the datasets' shape, "
            "data/raw/<year>/lkjip_<year>.xlsx, for\na report that is not machine-readable: "
            "fill it and `load()` reads it. An existing\nworkbook is never overwritten."
            "\n\nExample: lkjip template --year 2021"))
def cmd_template(args: argparse.Namespace) -> int:
    from .newyear import write_template

    path = write_template(args.year, args.data_dir)
    print(_("Empty workbook written: {path}").format(path=path))
    print(_("Fill every sheet (the first row holds the column headers; see the 'petunjuk' "
            "sheet), then run: lkjip build --year {year}").format(year=args.year))
    return 0


@command(N_("Import the agency's PDF (with a text layer) or Word file (.docx) as a year's "
            "report:\nwrites data/raw/<year>/lkjip_<year>_<agency>.md in the reader's text "
            "format, keeps the\noriginal and the origin of every line (asal.csv) in "
            "data/raw/<year>/asli/, and prints a\nreview (pages, tables found, charts read or "
            "not, what to check). An existing document is\nreplaced only with --force."
            "\n\nExample: lkjip import LKjIP_2021.pdf --year 2021"))
def cmd_import(args: argparse.Namespace) -> int:
    from .importing import ImportRefused, import_document

    try:
        review = import_document(args.file, args.year, args.data_dir, args.force, args.wait,
                                 args.instansi)
    except ImportRefused as exc:
        raise UsageError(str(exc)) from None
    for line in review.lines:
        print(line)
    return 0


cmd_import.options = [
    (("file",), {"metavar": N_("FILE"), "help": N_("the report as a PDF or a Word file (.docx)")}),
    (("--force",), {"action": "store_true",
                    "help": N_("replace the year's existing document")}),
    (("--instansi",), {"metavar": N_("NAME"),
                       "help": N_("the agency's name, for a document that does not state it "
                                  "on its cover or foreword (kept in data/raw/<year>/"
                                  "instansi.txt)")}),
    WAIT_OPTION,
]


@command(N_("Import, extract and audit many reports at once on Dask (with --report, build "
            "their HTML\ntoo), each into its own folders under --out, then combine their core "
            "datasets in\nParquet (inti/), ringkasan.csv and a cross-agency page index.html. "
            "SOURCE is a folder\n(<instansi>/<tahun>/<file>, or files named by agency and "
            "year, or a daftar.csv\nberkas,instansi,tahun) or a daftar.csv. Reports unchanged "
            "since the last run are\nskipped. A report that fails is listed with its reason; "
            "the exit status is 0 when\nthe batch ran, 1 when it could not run.\n\nExample: "
            "lkjip batch laporan/ --out koleksi/"))
def cmd_batch(args: argparse.Namespace) -> int:
    from .batch.run import run_batch
    from .batch.sources import SourceListError

    if args.year_given:
        raise UsageError(_("batch takes each report's year from its folder, name or "
                           "daftar.csv: leave --year out"))
    if args.data_dir is not None:
        raise UsageError(_("batch writes each report's data under --out: leave --data-dir "
                           "out"))
    if args.scheduler and args.workers:
        raise UsageError(_("--workers sizes the local cluster; an existing cluster "
                           "(--scheduler) has its own workers: give one of them"))
    try:
        outcome = run_batch(args.source, args.out, args.scheduler, args.workers, args.report,
                            args.force, wait=args.wait)
    except SourceListError as exc:
        raise UsageError(str(exc)) from None
    print(outcome.summary())
    return 0


cmd_batch.options = [
    (("source",), {"metavar": N_("SOURCE"),
                   "help": N_("a folder of reports, or a daftar.csv")}),
    (("--out",), {"default": "koleksi", "type": _folder, "metavar": N_("FOLDER"),
                  "help": N_("the collection folder (default: ./koleksi); on a cluster, a "
                             "shared folder every worker writes to at the same path")}),
    (("--scheduler",), {"default": None, "metavar": N_("ADDRESS"),
                        "help": N_("an existing Dask scheduler, e.g. tcp://HOST:8786 "
                                   "(default: $DASK_SCHEDULER_ADDRESS, else a local cluster "
                                   "on this machine's cores)")}),
    (("--workers",), {"type": _positive, "default": None, "metavar": "N",
                      "help": N_("workers of the local cluster (default: the number of "
                                 "cores)")}),
    (("--report",), {"action": "store_true",
                     "help": N_("also run the notebooks and export each report's HTML")}),
    (("--force",), {"action": "store_true",
                    "help": N_("run every report again, even those unchanged")}),
    (("--wait",), {"type": _seconds, "default": 0, "metavar": N_("SECONDS"),
                   "help": N_("wait this long for another batch writing the same collection "
                              "to finish (default: stop at once)")}),
]


@command(N_("Rebuild the year in a temporary folder and compare every input and output with"
            "\nreports/<year>/manifest.json. Exits 4 when anything differs.\n\nExample: "
            "lkjip verify --year 2020"))
def cmd_verify(args: argparse.Namespace) -> int:
    from .pipeline.manifest import ManifestError
    from .pipeline.verify import AGREE, reproduced, status_line, verify, verify_summary

    details: dict[str, str] = {}
    try:
        rows = verify(args.year, args.data_dir, args.reports_dir, details)
    except ManifestError as exc:
        log.error(_("%s: nothing was rerun; rebuild with `lkjip build --year %d --force` "
                    "from inputs you trust"), exc, args.year)
        return 4
    for status, key in sorted(rows, key=lambda row: row[0] in AGREE):  # differences first
        print(status_line(status, key, args.year))
        if details.get(key):
            print(f"          {printable(details[key])}")
    if any(status == "volatile" for status, _key in rows):
        print(_("The notebooks were rerun as a build runs them, with LKJIP_DUA_VERSI=1 (the "
                "outputs of both versions); by hand: LKJIP_DUA_VERSI=1 .venv/bin/papermill "
                "reports/{year}/notebooks/05_audit.ipynb 05_audit.ipynb").format(year=args.year))
    print(verify_summary(rows))  # the last line: the count a script reads
    return 0 if reproduced(rows) else 4


cmd_verify.options = [cmd_export.options[0]]


def _parameters(pairs: list[list[str]]) -> dict:
    """`-p KEY VALUE` pairs, checked before any kernel starts against the notebooks' typed
    parameter cells; values read as YAML scalars (2020 is a number, abc a text)."""
    import yaml

    from .pipeline.parameters import check_parameters
    from .reading.yamlfile import scalar

    try:
        values = {key: scalar(value) for key, value in pairs}
    except yaml.YAMLError as exc:
        raise UsageError(_("-p value does not parse: {error}").format(error=exc)) from None
    try:
        check_parameters(values)
    except LkjipError as exc:
        raise UsageError(str(exc)) from None
    return values


def format_findings(findings) -> str:
    """The findings as a plain-text table, figures in Indonesian format."""
    from .numbers import format_value

    lines = [f"{'id':<7} {'status':<11} {'dilaporkan':>18} {'dihitung':>18}  uraian"]
    for row in findings.itertuples():
        lines.append(f"{row.id:<7} {row.status:<11} {format_value(row.dilaporkan):>18} "
                     f"{format_value(row.dihitung):>18}  {row.uraian} (baris {row.baris_sumber})")
    return "\n".join(lines)


def _add_common(parser: argparse.ArgumentParser, hidden: bool = False) -> None:
    """--year and --data-dir; `hidden` for a command that refuses them (batch: each report
    has its own), so that its help does not offer them."""
    parser.add_argument("--year", type=_year, default=None, metavar=_("YEAR"),
                        help=argparse.SUPPRESS if hidden else _(
                            "report year (default: build builds every year; init, template "
                            "and import need it; the others take the latest year with data)"))
    parser.add_argument("--data-dir", default=None, type=_folder, metavar=_("FOLDER"),
                        help=argparse.SUPPRESS if hidden else _(
                            "data root holding raw/ and processed/ (default: ./data of the "
                            "project, or $LKJIP_DATA_DIR)"))



def first_sentence(doc: str) -> str:
    """A docstring's first sentence, on one line, for the command list."""
    text = " ".join(doc.split("\n\n")[0].split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _year(text: str) -> int:
    """A report year: four digits from 1900 to 2100, nothing else."""
    from .config import FIRST_YEAR, LAST_YEAR, is_year_name

    if not is_year_name(text):
        raise argparse.ArgumentTypeError(
            _("a year is four digits from {first} to {last}, got {text!r}").format(
                first=FIRST_YEAR, last=LAST_YEAR, text=text))
    return int(text)


# Commands about a year that does not exist yet: the year is never assumed.
_NEW_YEAR_COMMANDS = ("init", "template", "import")


def _default_year(args: argparse.Namespace) -> int | None:
    """The year a command without --year works on: `build` builds every year (as --all); a
    new-year command needs --year; the others take the latest year that has raw data, and
    say so (a scheduled job never keeps rebuilding an old year)."""
    from .config import available_years

    if args.command == "batch":  # each report's year is its own
        return None
    if args.command in _NEW_YEAR_COMMANDS:
        raise UsageError(_("{command} needs --year: the year of the report meant").format(
            command=args.command))
    if args.command == "build":
        args.all = True
        return DEFAULT_YEAR
    years = available_years(args.data_dir)
    if not years:
        return DEFAULT_YEAR  # the command names the data folder and its missing years
    log.info(_("--year not given: using %d, the latest year that has data"), years[-1])
    return years[-1]


class LevelFormatter(logging.Formatter):
    """Log lines whose level is written in the user's language (`%(level)s`)."""

    NAMES = {"INFO": N_("INFO"), "WARNING": N_("WARNING"), "ERROR": N_("ERROR"),
             "CRITICAL": N_("CRITICAL")}

    def format(self, record: logging.LogRecord) -> str:
        record.level = _(self.NAMES.get(record.levelname, record.levelname))
        return super().format(record)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: one sub-command per registered command."""
    translate_argparse()
    parser = argparse.ArgumentParser(
        prog="lkjip", description=_("`lkjip`: the command line of lkjip-analysis."),
        epilog=_("Example: lkjip build --year 2020"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-q", "--quiet", action="store_true",
                        help=_("only warnings and errors"))
    sub = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))
    for name, func in COMMANDS.items():
        description = _(func.description)
        child = sub.add_parser(name, help=first_sentence(description), description=description,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        _add_common(child, hidden=name == "batch")
        for flags, settings in getattr(func, "options", ()):
            translated = _translated(settings)
            child.add_argument(*flags, **translated)
        child.set_defaults(func=func)
    return parser


def _translated(settings: dict) -> dict:
    """An option's settings with its help and placeholder in the user's language."""
    translated = dict(settings)
    if "help" in settings:
        translated["help"] = _(settings["help"])
    metavar = settings.get("metavar")
    if isinstance(metavar, str):
        translated["metavar"] = _(metavar)
    elif isinstance(metavar, tuple):
        translated["metavar"] = tuple(_(m) for m in metavar)
    return translated


def without_unused_format_checker() -> None:
    """jsonschema (under nbformat and papermill) builds an IRI format checker from
    `rfc3987_syntax` when it is installed (JupyterLab's dependencies bring it): about a second
    at every build, for a format no notebook schema uses. The command line goes without it."""
    sys.modules.setdefault("rfc3987_syntax", None)  # None: its import fails, the check is off


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    without_unused_format_checker()
    parser = build_parser()
    args = parser.parse_args(argv)
    args.year_given = args.year is not None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(LevelFormatter("%(asctime)s %(level)s %(message)s"))
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        handlers=[handler])
    logging.getLogger("papermill").setLevel(logging.WARNING)  # our own lines name each step
    try:
        args.year = args.year if args.year_given else _default_year(args)
        return args.func(args)
    except UsageError as exc:
        print(_("lkjip: error: {message}").format(message=printable(exc)), file=sys.stderr)
        return 2
    except LkjipError as exc:
        log.error("%s", printable(exc))
        return 1
    except OSError as exc:
        log.error(_("cannot read or write %s: %s"), exc.filename or _("a file"),
                  exc.strerror or exc)
        return 1
    except KeyboardInterrupt:
        log.error(_("interrupted; earlier outputs were left as they were"))
        return 130


if __name__ == "__main__":
    sys.exit(main())
