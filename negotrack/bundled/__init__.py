"""The knowledge base shipped with negotrack (``data/positions.yaml`` of the source tree)."""
