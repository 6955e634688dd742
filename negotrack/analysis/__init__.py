"""What the read commands compute from selected positions: current stances, histories
and shifts, the relation of two actors' stances, timeline entries, matrix cells.

Plain data, no formatting: :mod:`negotrack.render` turns these into tables,
JSON, CSV and markdown.
"""
