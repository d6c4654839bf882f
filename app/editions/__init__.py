"""editions area."""
