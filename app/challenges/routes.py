"""Routes of the challenges area."""

from flask import Blueprint

bp = Blueprint("challenges", __name__)
