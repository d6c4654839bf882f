"""Command-line commands added to `flask`: seed-demo, demo-logins, search-rebuild, embed, worker.

An area's own commands (e.g. `flask send-digests`) stay on its blueprint.
"""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from tqdm import tqdm


def init_app(app: Flask) -> None:
    """Register the project's commands on the app's CLI."""
    from app.demo import commands as demo_commands

    demo_commands.init_app(app)
    from app.transfer import cli as transfer_commands

    transfer_commands.init_app(app)
    app.cli.add_command(search_rebuild)
    app.cli.add_command(embed_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(matching_feedback_command)


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


@click.command("embed")
@click.option(
    "--batch-size", type=int, default=None, help="Texts per model call and per commit (default 64)."
)
@click.option(
    "--all", "everything", is_flag=True, help="Re-embed every text, e.g. after changing the model."
)
def embed_command(batch_size: int | None, everything: bool):
    """Recompute stale and missing vectors, committing per batch (safe to interrupt and rerun)."""
    from sqlalchemy import update

    from app.extensions import db
    from app.models import StoredVector
    from app.services import embedding

    created = embedding.mark_missing()
    if everything:
        db.session.execute(update(StoredVector).values(stale=True))
    db.session.commit()
    total = embedding.stale_count()
    click.echo(f"{created} new owner(s) found; {total} vector(s) to compute.")
    with tqdm(total=total, unit="text", disable=not total) as bar:
        done = embedding.embed_stale(batch_size=batch_size, progress=bar.update)
    click.echo(f"Embedded {done} text(s); {embedding.stale_count()} still stale.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for scripts and tests).")
def worker_command(burst: bool):
    """Run an RQ worker for the embedding queue (needs REDIS_URL); the model loads once per process."""
    from app.services import embedding

    url = current_app.config.get("REDIS_URL")
    if not url:
        click.echo(
            "error: REDIS_URL is not set; without Redis the web app embeds in a thread (EMBEDDING_BACKEND=thread).",
            err=True,
        )
        sys.exit(2)
    from redis import Redis
    from rq import Queue, SimpleWorker

    connection = Redis.from_url(url)
    queue = Queue(embedding.queue_name(), connection=connection)
    click.echo(f"Embedding worker listening on {url} queue {queue.name!r}")
    from app.services.warmup import warm_up

    warm_up(current_app._get_current_object(), index=False)  # the model loads while we listen
    # SimpleWorker runs jobs in this process, so the model stays loaded between jobs.
    SimpleWorker([queue], connection=connection).work(burst=burst, with_scheduler=False)


@click.command("matching-feedback")
def matching_feedback_command():
    """Acceptance by mode: what came of the suggestions of each find-peers tab (a Markdown table)."""
    from app.models.peers import OUTCOME_KINDS
    from app.peers.forms import TABS
    from app.peers.queries import feedback_by_mode

    def share(value):
        return "—" if value is None else f"{value:.0%}"

    def score(value):
        return "—" if value is None else f"{value:.2f}"

    click.echo(
        "| Suggestions from | Not relevant | Introductions asked | Accepted | Declined | Pending | "
        "Acceptance | "
        + " | ".join(OUTCOME_KINDS.values())
        + " | Mean score asked | Mean score not relevant |"
    )
    click.echo("|---" * (10 + len(OUTCOME_KINDS)) + "|")
    for row in feedback_by_mode():
        label = TABS.get(row.mode, "elsewhere (not a suggestion card)")
        cells = [
            label,
            row.hidden,
            row.asked,
            row.statuses.get("accepted", 0),
            row.statuses.get("declined", 0),
            row.statuses.get("pending", 0),
            share(row.acceptance),
            *(row.outcomes.get(kind, 0) for kind in OUTCOME_KINDS),
            score(row.asked_score),
            score(row.hidden_score),
        ]
        click.echo("| " + " | ".join(str(c) for c in cells) + " |")
    click.echo(
        "Acceptance: accepted among answered requests. Outcomes: introductions with that outcome."
    )
