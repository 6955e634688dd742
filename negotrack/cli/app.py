"""The ``negotrack`` application with every command registered.

The console script starts from :func:`negotrack.cli.root.main`, which loads only
the command it runs; this module is the whole application, for tests and for
embedding (``from negotrack.cli.app import app``).
"""

from __future__ import annotations

from negotrack.cli.root import app, main, register

register()

__all__ = ["app", "main"]
