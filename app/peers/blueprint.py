"""The peers blueprint: suggested peers, introductions, suggestions for a challenge.

Only `bp` lives here; app/peers/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

# No url_prefix: the pages live under /peers/ and /challenges/<id>/peers.
bp = Blueprint("peers", __name__)
