"""Item pipelines, one stage per file, in the order of ``ITEM_PIPELINES``:
parse -> dedupe -> validate -> store."""
