"""negotrack.load."""
