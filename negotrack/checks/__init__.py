"""negotrack.checks."""
