"""The Kaltim Dinas Sosial family: keluarga.yaml, narasi.yaml, its own shapes (`bentuk`) and
its own audit checks (`pemeriksaan`)."""
