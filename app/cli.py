"""Command-line commands added to `flask`: seed-demo, demo-logins, search-rebuild, …"""

from __future__ import annotations

import click
from flask import Flask


def init_app(app: Flask) -> None:
    """Register the project's commands on the app's CLI."""
    from app.demo import commands as demo_commands

    demo_commands.init_app(app)
    from app.transfer import cli as transfer_commands

    transfer_commands.init_app(app)
    app.cli.add_command(search_rebuild)


@click.command("search-rebuild")
def search_rebuild() -> None:
    """Rewrite every profile's and challenge's search document (app/search.py).

    Saves keep them current; run this after loading rows with plain SQL, or after changing how
    search folds text.
    """
    from app.extensions import db
    from app.search import rebuild_all

    profiles, challenges = rebuild_all(db.session.connection())
    db.session.commit()
    click.echo(f"Search documents rewritten: {profiles} profiles, {challenges} challenges.")
