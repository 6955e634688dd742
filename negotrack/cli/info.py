"""``negotrack info``: which knowledge base is read, and what negotrack runs with."""

from __future__ import annotations

from negotrack.cli.common import ReadOptions, bundled, handle_errors
from negotrack.cli.root import app


@app.command()
@handle_errors
@bundled
def info(*, read: ReadOptions) -> None:
    """Which knowledge base commands read here, and what negotrack runs with.

    The KB's path (as found from this folder: --kb, NEGOTRACK_KB, a
    negotrack.yaml marker, data/positions.yaml or positions.yaml here or in a
    parent folder, else the KB bundled with negotrack), its files, how many
    records of each kind, the dates of its positions, how many errors and
    warnings it has (an invalid KB is described too), where the parse cache
    is, and the versions of negotrack, Python and its libraries.

    Examples:

      negotrack info

      negotrack info --kb research/kb/ --format json
    """
    from negotrack.checks.info import info as describe
    from negotrack.cli.progress import parsing_progress
    from negotrack.render import info as renderer

    with parsing_progress() as progress:
        view = describe(read.kb_path, cache=not read.no_cache, progress=progress)
    read.emit(view, renderer)
