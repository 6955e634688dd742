"""negotrack.curate."""
