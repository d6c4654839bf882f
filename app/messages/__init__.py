"""messages area: a short thread between two managers once an introduction is accepted."""

from app.messages import routes  # noqa: F401  (registers the views)
from app.messages.blueprint import bp

__all__ = ["bp"]
