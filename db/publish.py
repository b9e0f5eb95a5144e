"""Datasette over the archive, with the project's metadata and templates."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from datasette.app import Datasette

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


def database_name(db_path: str | Path) -> str:
    """Return the name Datasette gives the archive (its file name without extension)."""
    return Path(db_path).stem


def load_metadata(db_path: str | Path) -> dict:
    """Return ``db/metadata.yaml`` with its database key set to this archive's name."""
    text = resources.files("db").joinpath("metadata.yaml").read_text(encoding="utf-8")
    metadata = yaml.safe_load(text)
    metadata["databases"] = {database_name(db_path): metadata["databases"]["ARCHIVE"]}
    return metadata


def make_datasette(db_path: str | Path) -> Datasette:
    """Return a Datasette instance over the archive (read-only: Datasette 0.65 has no write API)."""
    return Datasette(
        files=[str(db_path)],
        metadata=load_metadata(db_path),
        template_dir=str(resources.files("db").joinpath("templates")),
        plugins_dir=str(resources.files("db").joinpath("plugins")),
        # No facet suggestions: nobody reads them, and on a large table each costs a query per column.
        settings={"default_page_size": 50, "sql_time_limit_ms": 3000, "allow_download": True, "suggest_facets": False},
    )


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the archive with Datasette until interrupted."""
    import uvicorn  # installed with Datasette

    datasette = make_datasette(db_path)
    print(f"Datasette serving the archive at http://{host}:{port}/{database_name(db_path)} "
          "(Ctrl-C to stop)", flush=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
