"""Every figure of the report: one function each, one theme, Indonesian labels and numbers.

Each function takes datasets (or a frame) and returns a matplotlib Figure; `save` finishes it
(every numeric axis in Indonesian format through one Babel formatter, long titles wrapped, each
bar and point titled on hover with what it is and its exact value and unit) and writes it as PNG
and SVG (text kept as text) with fixed metadata, so the same data give the same bytes. One
module per figure family: `organisasi`, `kinerja`, `anggaran`, `lintas_tahun`, `audit`; the
look in `style`, the hover titles in `hover`, the finished files in `output`.
"""

from .anggaran import (
    LINES_PER_FIGURE,
    pilihan_anggaran,
    realisasi_apbn,
    realisasi_per_program,
    realisasi_per_unit,
    serapan_baris,
    serapan_parts,
    tren_anggaran,
)
from .audit import selisih_terbesar
from .hover import set_series, set_unit, unit_of, with_titles
from .inti import capaian_indikator, serapan_anggaran
from .kinerja import (
    evaluasi_akip,
    kinerja_historis,
    kinerja_triwulan,
    output_program,
    target_realisasi,
)
from .lintas_tahun import kinerja_lintas_tahun
from .organisasi import sdm_breakdown
from .output import figure_title, finish, save
from .style import (
    PALETTE,
    apply_theme,
    indonesian_axes,
    rupiah_axis,
    rupiah_unit,
    step_decimals,
)

__all__ = [
    "LINES_PER_FIGURE", "PALETTE", "apply_theme", "capaian_indikator", "evaluasi_akip",
    "figure_title", "finish", "indonesian_axes", "kinerja_historis", "kinerja_lintas_tahun",
    "kinerja_triwulan", "output_program", "pilihan_anggaran", "realisasi_apbn",
    "realisasi_per_program", "realisasi_per_unit", "rupiah_axis", "rupiah_unit", "save",
    "sdm_breakdown", "selisih_terbesar", "serapan_anggaran", "serapan_baris",
    "serapan_parts", "set_series", "set_unit", "step_decimals", "target_realisasi",
    "tren_anggaran", "unit_of", "with_titles",
]
