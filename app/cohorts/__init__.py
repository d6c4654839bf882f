"""cohorts area."""
