"""Item pipelines, one stage per file, in the order of ``ITEM_PIPELINES``:
parse (and validate) -> dedupe -> store. The run itself is recorded by the
``crawler.run.RunRecorder`` extension."""
