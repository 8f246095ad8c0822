"""The Kaltim Dinas Sosial family: keluarga.yaml, narasi.yaml and its own shapes."""
