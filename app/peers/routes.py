"""Routes of the peers area."""

from flask import Blueprint

bp = Blueprint("peers", __name__)
