"""Text in, tables out: the document and its captions (`source`), columns read by their
header's meaning (`columns`), tables recognised by what they are (`recognition`), documented
corrections (`corrections`), YAML read safely (`yamlfile`), the size limits of inputs
(`limits`) and the charts a document states as tables (`charts`). The SAKIP core for any agency
is `core/`; the families of reports on top of it (their tables as data) are `families/`."""
