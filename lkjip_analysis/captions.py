"""How a report captions its tables and charts: what the import (which writes captions above
the tables it draws) and the reader (which finds tables by them) both recognise."""

import re

# A table caption as reports write it: `Tabel 14.`, `Tabel 3.2 Judul`, `Tabel 3.2.`, `Tabel.
# 3.10`, Word's `Tabel 3 1 Judul`; without a dot the title starts with a capital letter, so prose
# ("Tabel 3.2 di atas menunjukkan") is no caption.
CAPTION = re.compile(r"^[\s*#]*(?:<b>\s*)?((?i:tabel)\s*\.?\s*\d+(?:\.\d{1,2}(?!\d))*"
                     r"(?:\s+\d{1,2}(?=\s+[A-Z]))?[A-Za-z]?)(?:\s*[.:](?!\d)\s*|\s+(?=[A-Z(]))(.*)$")

# a chart's caption (`Grafik 1. …`), above the table of its data where the document has it
CHART_CAPTION = re.compile(r"^[\s*#]*(?:<b>\s*)?(Grafik\s+\d+[A-Za-z]?)\s*[.:]\s*(.*)$", re.I)
