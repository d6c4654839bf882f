"""Accepting the shortlist in the background, with progress the applications page can show.

Accepting an applicant writes the membership, a notification and an email: about a tenth of a
second each, seconds for a whole edition. So the coach's click only stamps the edition
(`Edition.accepting_since`) and starts a job; the job accepts one applicant per transaction, and
the applications page polls its own fragment while the stamp is set. Progress is read from the
rows themselves (accepted since the stamp, still shortlisted), so any web process can show it.
A job that dies leaves the rest shortlisted; pressing the button again continues.

The job runs on RQ when a Redis queue serves the embedding worker, in a thread of the web
process otherwise, and at once with SHORTLIST_BACKEND = "sync" (the tests).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app
from sqlalchemy import func, select

from app.extensions import db
from app.models import Edition, utcnow
from app.models.coaching import Application

log = logging.getLogger(__name__)

#: A stamp older than this belongs to a job that died: the page stops polling and offers the button.
STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class AcceptProgress:
    """How far accepting the shortlist has come."""

    accepted: int
    remaining: int

    @property
    def total(self) -> int:
        """Applicants being accepted in this run."""
        return self.accepted + self.remaining


def is_accepting(edition: Edition) -> bool:
    """Whether a job is accepting this edition's shortlist right now."""
    if edition.accepting_since is None:
        return False
    started = edition.accepting_since
    if started.tzinfo is None:
        started = started.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - started < STALE_AFTER


def progress(edition: Edition) -> AcceptProgress:
    """Accepted since the job started, and still shortlisted."""
    remaining = db.session.scalar(
        select(func.count(Application.id)).filter_by(edition_id=edition.id, status="shortlisted")
    )
    accepted = 0
    if edition.accepting_since is not None:
        accepted = db.session.scalar(
            select(func.count(Application.id)).where(
                Application.edition_id == edition.id,
                Application.status == "accepted",
                Application.decided_at >= edition.accepting_since,
            )
        )
    return AcceptProgress(accepted or 0, remaining or 0)


def start_accepting(edition: Edition) -> int:
    """Stamp the edition and ask for the job once the request commits; returns how many wait."""
    waiting = progress(edition).remaining
    if waiting and not is_accepting(edition):
        edition.accepting_since = utcnow()
        db.session.info.setdefault("shortlist_jobs", set()).add(edition.id)
    db.session.flush()
    return waiting


def accept_one_by_one(edition_id: int) -> int:
    """The job: accept the shortlisted applicants one per transaction, then clear the stamp."""
    from app.editions.applications.services import decide_application

    done = 0
    try:
        while True:
            application = db.session.scalars(
                select(Application)
                .filter_by(edition_id=edition_id, status="shortlisted")
                .order_by(Application.id)
            ).first()
            if application is None:
                break
            decide_application(application, status="accepted")
            db.session.commit()
            done += 1
    finally:
        db.session.rollback()
        edition = db.session.get(Edition, edition_id)
        if edition is not None:
            edition.accepting_since = None
            db.session.commit()
    return done


def accept_shortlist_job(edition_id: int, base_url: str) -> int:
    """Entry point for RQ and threads: the job in the app's context and a request
    context for `base_url`, so the emails' links point at the site the coach used."""
    from flask import has_app_context

    if not has_app_context():
        # `flask worker` runs jobs inside the app (and this module does not import create_app back).
        raise RuntimeError("The shortlist job needs the app: run the worker with `flask worker`.")
    return _run(edition_id, base_url)


def _run(edition_id: int, base_url: str) -> int:
    app = current_app._get_current_object()
    with app.test_request_context(base_url=base_url):
        try:
            return accept_one_by_one(edition_id)
        except Exception:
            log.exception(
                "accepting the shortlist of edition %s stopped; the rest stay shortlisted",
                edition_id,
            )
            return 0


def dispatch(app: Flask, edition_id: int, *, base_url: str) -> None:
    """Run the job the configured way: "sync" (now), "thread", or "rq" (the embedding worker's queue)."""
    backend = app.config.get("SHORTLIST_BACKEND") or (
        "rq"
        if app.config.get("EMBEDDING_BACKEND") == "rq" and app.config.get("REDIS_URL")
        else "thread"
    )
    if backend == "sync":
        accept_shortlist_job(edition_id, base_url)
    elif backend == "rq":
        from redis import Redis
        from rq import Queue

        from app.services.embedding import queue_name

        Queue(queue_name(app), connection=Redis.from_url(app.config["REDIS_URL"])).enqueue(
            "app.editions.applications.shortlist_job.accept_shortlist_job", edition_id, base_url
        )
    else:
        thread = threading.Thread(
            target=_in_thread, args=(app, edition_id, base_url), name="accept-shortlist"
        )
        thread.daemon = True
        thread.start()


def _in_thread(app: Flask, edition_id: int, base_url: str) -> None:
    with app.app_context():
        try:
            accept_shortlist_job(edition_id, base_url)
        finally:
            db.session.remove()
