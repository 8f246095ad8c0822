"""Safety: writes that happen whole or not at all (`atomic`), one run per folder at a time
(`lock`), what an interrupted run left put right (`recovery`), file hashes (`hashing`)."""
