"""challenges area."""
