"""The transfer area's blueprint: data in (CSV import) and out (CSV and JSON exports)."""

from flask import Blueprint

bp = Blueprint("transfer", __name__)
