"""negotrack.model."""
