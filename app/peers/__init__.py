"""peers area."""
