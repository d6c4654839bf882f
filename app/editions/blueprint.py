"""The editions blueprint: the coaches' tools for running an edition.

Only `bp` lives here; app/editions/__init__.py imports the view modules that add routes to it, so
imports run one way (views import `bp`, nothing imports the views back).
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("editions", __name__, url_prefix="/editions")

# The public pages' addresses before editions had one name: links to them get a permanent
# redirect (app/editions/members/routes.py).
old_urls = Blueprint("editions_old_urls", __name__, url_prefix="/cohorts")  # legacy-cohort
bp.record_once(lambda state: state.app.register_blueprint(old_urls))
