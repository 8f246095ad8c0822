"""A batch's collection published at once: readers (`load_collection`, DuckDB) never see it
half changed.

Workers write each report's parts into the working store (`bagian/`). When the batch is done,
the parts of the reports the collection holds are combined, one Parquet file per dataset, in a
new folder `terbitan/<n>/`, written whole while no reader sees it; then the link `inti` is
swapped to it by one rename. A reader that opened the previous publication reads it to the
end: the one before the current stays until the next publication. A batch interrupted before
the swap leaves the last publication as it was.

A publication reuses its predecessor: the rows of a report whose reading did not change (the
same key) are taken from the previous file, so publishing reads only the parts of the reports
run this time, however large the collection.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd

from ..config import agency_slug
from .collection import COLLECTED, part_file

PUBLISHED = "inti"  # the link readers follow
FOLDER = "terbitan"
CONTENTS = "isi.json"  # the readings a publication holds: year, slug and the key of each
CONTENTS_BYTES = 64 << 20
_NUMBER = re.compile(r"^\d{6}$")

Readings = dict[tuple[int, str], str]  # (year, slug) -> the key of the reading its parts hold


def current(out: Path) -> Path | None:
    """The folder of the last publication, or None. Only the link this module writes is
    followed (`terbitan/<n>`, inside the collection); a link planted elsewhere is not."""
    link = out / PUBLISHED
    if not link.is_symlink():
        return None
    parts = Path(os.readlink(link)).parts
    if len(parts) != 2 or parts[0] != FOLDER or not _NUMBER.match(parts[1]):
        return None
    folder = out / FOLDER / parts[1]
    return folder if folder.is_dir() and not folder.is_symlink() else None


def published_file(out: Path, dataset: str) -> Path | None:
    """The last publication's file of `dataset`, or None."""
    folder = current(out)
    path = folder / f"{dataset}.parquet" if folder is not None else None
    return path if path is not None and path.is_file() and not path.is_symlink() else None


def publish(out: Path, kept: Readings) -> bool:
    """Publish the reports `kept` (their parts in the working store); False when the last
    publication already holds exactly these readings (nothing written)."""
    previous = current(out)
    held = _contents(previous) if previous is not None else {}
    if previous is not None and held == kept and all(
            (previous / f"{dataset}.parquet").is_file() for dataset in COLLECTED):
        return False
    folder = _new_folder(out)
    try:
        for dataset in COLLECTED:
            frame = _combined(out, dataset, kept, held, previous)
            frame.to_parquet(folder / f"{dataset}.parquet", index=False)
        rows = sorted([year, slug, key] for (year, slug), key in kept.items())
        (folder / CONTENTS).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        _swap(out, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _remove_old(out, {folder.name, previous.name if previous is not None else ""})
    return True


def _contents(folder: Path) -> Readings:
    path = folder / CONTENTS
    if not path.is_file() or path.is_symlink() or path.stat().st_size > CONTENTS_BYTES:
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return {(int(year), str(slug)): str(key) for year, slug, key in rows}
    except (ValueError, TypeError, UnicodeDecodeError):
        return {}  # not one this code wrote: every part is read again


def _combined(out: Path, dataset: str, kept: Readings, held: Readings,
              previous: Path | None) -> pd.DataFrame:
    """The dataset of every report kept: unchanged readings from the previous publication,
    the others from their parts; by agency and year, each report's rows in their order."""
    reused = {report for report, key in kept.items() if held.get(report) == key}
    frames = []
    if reused and previous is not None:
        earlier = pd.read_parquet(previous / f"{dataset}.parquet")
        slugs = {name: agency_slug(name) for name in earlier["instansi"].unique()}
        keys = zip(earlier["tahun"].tolist(), earlier["instansi"].map(slugs).tolist(),
                   strict=True)
        frames.append(earlier[pd.Series([key in reused for key in keys], index=earlier.index,
                                        dtype="bool")])
    frames += [pd.read_parquet(part_file(out, dataset, year, slug))
               for year, slug in sorted(set(kept) - reused)]
    filled = [frame for frame in frames if not frame.empty]
    if not filled:
        return frames[0].iloc[0:0] if frames else pd.DataFrame(
            {"instansi": pd.Series(dtype="str"), "tahun": pd.Series(dtype="int64")})
    frame = pd.concat(_one_kind(filled), ignore_index=True)
    return frame.sort_values(["instansi", "tahun"], kind="stable", ignore_index=True)


def _one_kind(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """A column numeric in some reports and text in others (a grade `BB` where others print
    a number) is text in all of them, each number written as it reads: one column, one type."""
    columns = dict.fromkeys(column for frame in frames for column in frame.columns)
    for column in columns:
        kinds = {pd.api.types.is_numeric_dtype(frame[column]) for frame in frames
                 if column in frame and frame[column].notna().any()}
        if len(kinds) > 1:
            frames = [frame.assign(**{column: frame[column].map(_as_text).astype("string")})
                      if column in frame else frame for frame in frames]
    return frames


def _as_text(value) -> object:
    if pd.isna(value):
        return pd.NA
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _new_folder(out: Path) -> Path:
    root = out / FOLDER
    root.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name) for p in root.iterdir() if _NUMBER.match(p.name)]
    folder = root / f"{max(numbers, default=0) + 1:06d}"
    folder.mkdir()
    return folder


def _swap(out: Path, folder: Path) -> None:
    """`inti` now leads to `folder`, in one rename (a collection of the earlier layout, where
    `inti` was a folder of parts, gives it up first)."""
    link = out / PUBLISHED
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    staged = out / f".{PUBLISHED}.{os.getpid()}.tmp"
    staged.unlink(missing_ok=True)
    os.symlink(f"{FOLDER}/{folder.name}", staged)
    os.replace(staged, link)


def _remove_old(out: Path, kept: set[str]) -> None:
    """Publications before the previous one, and unfinished ones, leave (no link followed)."""
    for folder in (out / FOLDER).iterdir():
        if folder.name not in kept and _NUMBER.match(folder.name) and not folder.is_symlink():
            shutil.rmtree(folder)
