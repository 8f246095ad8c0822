"""`lkjip`: the command line. Each command is a thin wrapper over one library function.

Exit status: 0 success, 1 bad input or a failed step (the message says where and what to do),
2 wrong usage. Heavy libraries are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from .errors import LkjipError

log = logging.getLogger("lkjip")
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    COMMANDS[func.__name__.removeprefix("cmd_")] = func
    return func


@command
def cmd_extract(args: argparse.Namespace) -> int:
    """Read a year's raw data and write data/processed/<year>/ (CSV per dataset + workbook).

    Example: lkjip extract --year 2020
    """
    from .datasets import extract

    files = extract(args.year, args.data_dir)
    log.info("wrote %d files to %s", len(files), files[0].parent)
    return 0


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, default=2020, help="report year (default 2020)")
    parser.add_argument("--data-dir", default=None,
                        help="data root holding raw/ and processed/ (default: ./data of the "
                             "project, or $LKJIP_DATA_DIR)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lkjip", description=__doc__.split("\n")[0],
        epilog="Example: lkjip build --year 2020",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, func in COMMANDS.items():
        doc = func.__doc__ or ""
        child = sub.add_parser(name, help=doc.split("\n")[0], description=doc,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        _add_common(child)
        for option in getattr(func, "options", ()):
            child.add_argument(*option[0], **option[1])
        child.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except LkjipError as exc:
        log.error("%s", exc)
        return 1
    except KeyboardInterrupt:
        log.error("interrupted; earlier outputs were left as they were")
        return 130


if __name__ == "__main__":
    sys.exit(main())
