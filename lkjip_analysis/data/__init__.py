"""The datasets: loaded and written (`datasets`), their schemas (`schemas`), the cache of
validated datasets (`cache`), the workbook in and out (`workbook`, `spreadsheet`), and where
each line came from (`provenance`)."""
