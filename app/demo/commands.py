"""`flask seed-demo` and `flask demo-logins`: a realistic demo community and how to log in to it."""

from __future__ import annotations

import random
import time

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from app.demo.seed import DEFAULT_SEED, DEMO_PASSWORD, demo_logins_present, seed_demo_community
from app.extensions import db
from app.models import User
from app.signals import demo_seeded


@click.command("seed-demo")
@click.option(
    "--profiles",
    default=160,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many cluster managers (with profiles) to create.",
)
@click.option(
    "--challenges",
    default=280,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many challenges to post.",
)
@click.option(
    "--seed",
    default=DEFAULT_SEED,
    show_default=True,
    type=int,
    help="Random seed: the same seed gives the same community.",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@with_appcontext
def seed_demo_command(profiles: int, challenges: int, seed: int, if_empty: bool) -> None:
    """Fill the database with a demo community of cluster managers, challenges and replies."""
    has_users = db.session.scalar(select(func.count(User.id))) > 0
    if if_empty and has_users:
        click.echo("The database already has users; demo data not added.")
        return
    if demo_logins_present():
        click.echo(
            "Error: the demo community is already there (participant@demo.eu exists). "
            "Use a fresh database to seed again.",
            err=True,
        )
        raise SystemExit(2)
    started = time.perf_counter()
    rng = random.Random(seed)
    summary = seed_demo_community(profiles=profiles, challenges=challenges, rng=rng)
    # Other areas (peers, coaching) add their demo data from the same random stream.
    demo_seeded.send(current_app._get_current_object(), rng=rng)
    db.session.commit()
    click.echo(
        f"Seeded {summary.profiles} profiles, {summary.users} users, {summary.challenges} challenges, "
        f"{summary.replies} replies and {summary.editions} editions in {time.perf_counter() - started:.1f} s."
    )


@click.command("demo-logins")
@with_appcontext
def demo_logins_command() -> None:
    """Print the demo logins, when the demo community exists."""
    present = demo_logins_present()
    if not present:
        return
    click.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for email, role in present:
        click.echo(f"  {role:<12} {email}")


def init_app(app) -> None:
    """Register the demo commands."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(demo_logins_command)
