"""Meeting days: one-to-one meetings for in-person days and community events.

Organisers set up an event (slots, tables, limits); participants register, mark availability and
wishes; "Build schedule" asks matching.meetings for a draft; "Publish schedule" sends agendas.
"""

from app.meetings import organiser_routes, routes  # noqa: F401  (registers the views)
from app.meetings.blueprint import bp
from app.meetings.feed import routes as feed_routes  # noqa: F401
from app.meetings.follow_up import routes as follow_up_routes  # noqa: F401

__all__ = ["bp"]
