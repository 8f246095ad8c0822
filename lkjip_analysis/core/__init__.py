"""The SAKIP core of any agency's LKjIP (PermenPAN-RB 53/2014): the performance agreement, the
measurement of performance and the budget realisation, read by meaning from whatever tables
the report holds (`read`), each value kept as written and as a number only where its form is
certain (`values`). The Kaltim family's fifteen tables are one family on top of it."""

from .read import Core, read_core

__all__ = ["Core", "read_core"]
