"""Turning the read commands' results into output: ``table`` (rich, for a terminal),
``json``, ``csv`` and ``markdown``.

One module per view (``show``, ``listing``, ``diff``, ``timeline``, ``matrix``), each
with ``to_table(view, screen)``, ``to_json(view)``, ``to_csv(view)`` and
``to_markdown(view)``, all returning text. Only :mod:`.terminal` and
:mod:`.texttable` import rich, and only the table renderers import them, so
machine formats start fast; a table piped is laid out by :mod:`.page` and
:mod:`.texttable` without rich's console.

KB text is data, never markup: :mod:`.terminal` makes it a ``rich.text.Text``
after :func:`negotrack.model.safetext.visible`, :mod:`.markdown` escapes what markdown
would interpret, :mod:`.machine` writes JSON with escapes and CSV with the csv
module.
"""
