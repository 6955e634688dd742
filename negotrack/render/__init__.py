"""Turning the read commands' results into output: ``table`` (rich, for a terminal),
``json``, ``csv`` and ``markdown``.

One module per view (``show``, ``listing``, ``diff``, ``timeline``, ``matrix``), each
with ``to_table(view, console)``, ``to_json(view)``, ``to_csv(view)`` and
``to_markdown(view)``, all returning text. Only :mod:`.terminal` imports rich,
and only the table renderers import it, so machine formats start fast.

KB text is data, never markup: :mod:`.terminal` makes it a ``rich.text.Text``
after :func:`negotrack.model.safetext.visible`, :mod:`.markdown` escapes what markdown
would interpret, :mod:`.machine` writes JSON with escapes and CSV with the csv
module.
"""
