"""Text in, tables out: the document and its captions (`source`), columns read by their
header's meaning (`columns`), tables recognised by what they are (`recognition`), documented
corrections (`corrections`), YAML read safely (`yamlfile`) and the size limits of inputs
(`limits`). The SAKIP core for any agency is `core/`, the Kaltim family's tables `tables/`."""
