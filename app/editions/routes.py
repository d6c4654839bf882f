"""Routes of the editions area."""

from flask import Blueprint

bp = Blueprint("editions", __name__)
