"""Error pages and JSON errors."""
