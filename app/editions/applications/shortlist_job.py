"""Accepting the shortlist in the background, with progress the applications page can show.

Accepting an applicant writes the membership, a notification and an email: about a tenth of a
second each, seconds for a whole cohort. So the coach's click only stamps the edition
(`Cohort.accepting_since`) and starts a job; the job accepts one applicant per transaction, and
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
from app.models import Cohort, utcnow
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


def is_accepting(cohort: Cohort) -> bool:
    """Whether a job is accepting this edition's shortlist right now."""
    if cohort.accepting_since is None:
        return False
    started = cohort.accepting_since
    if started.tzinfo is None:
        started = started.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - started < STALE_AFTER


def progress(cohort: Cohort) -> AcceptProgress:
    """Accepted since the job started, and still shortlisted."""
    remaining = db.session.scalar(
        select(func.count(Application.id)).filter_by(cohort_id=cohort.id, status="shortlisted")
    )
    accepted = 0
    if cohort.accepting_since is not None:
        accepted = db.session.scalar(
            select(func.count(Application.id)).where(
                Application.cohort_id == cohort.id,
                Application.status == "accepted",
                Application.decided_at >= cohort.accepting_since,
            )
        )
    return AcceptProgress(accepted or 0, remaining or 0)


def start_accepting(cohort: Cohort) -> int:
    """Stamp the edition and ask for the job once the request commits; returns how many wait."""
    waiting = progress(cohort).remaining
    if waiting and not is_accepting(cohort):
        cohort.accepting_since = utcnow()
        db.session.info.setdefault("shortlist_jobs", set()).add(cohort.id)
    db.session.flush()
    return waiting


def accept_one_by_one(cohort_id: int) -> int:
    """The job: accept the shortlisted applicants one per transaction, then clear the stamp."""
    from app.editions.applications.services import decide_application

    done = 0
    try:
        while True:
            application = db.session.scalars(
                select(Application)
                .filter_by(cohort_id=cohort_id, status="shortlisted")
                .order_by(Application.id)
            ).first()
            if application is None:
                break
            decide_application(application, status="accepted")
            db.session.commit()
            done += 1
    finally:
        db.session.rollback()
        cohort = db.session.get(Cohort, cohort_id)
        if cohort is not None:
            cohort.accepting_since = None
            db.session.commit()
    return done


def accept_shortlist_job(cohort_id: int, base_url: str) -> int:
    """Entry point for RQ and threads: the job in the app's context and a request
    context for `base_url`, so the emails' links point at the site the coach used."""
    from flask import has_app_context

    if not has_app_context():
        # `flask worker` runs jobs inside the app (and this module does not import create_app back).
        raise RuntimeError("The shortlist job needs the app: run the worker with `flask worker`.")
    return _run(cohort_id, base_url)


def _run(cohort_id: int, base_url: str) -> int:
    app = current_app._get_current_object()
    with app.test_request_context(base_url=base_url):
        try:
            return accept_one_by_one(cohort_id)
        except Exception:
            log.exception(
                "accepting the shortlist of edition %s stopped; the rest stay shortlisted",
                cohort_id,
            )
            return 0


def dispatch(app: Flask, cohort_id: int, *, base_url: str) -> None:
    """Run the job the configured way: "sync" (now), "thread", or "rq" (the embedding worker's queue)."""
    backend = app.config.get("SHORTLIST_BACKEND") or (
        "rq"
        if app.config.get("EMBEDDING_BACKEND") == "rq" and app.config.get("REDIS_URL")
        else "thread"
    )
    if backend == "sync":
        accept_shortlist_job(cohort_id, base_url)
    elif backend == "rq":
        from redis import Redis
        from rq import Queue

        from app.services.embedding import queue_name

        Queue(queue_name(app), connection=Redis.from_url(app.config["REDIS_URL"])).enqueue(
            "app.editions.applications.shortlist_job.accept_shortlist_job", cohort_id, base_url
        )
    else:
        thread = threading.Thread(
            target=_in_thread, args=(app, cohort_id, base_url), name="accept-shortlist"
        )
        thread.daemon = True
        thread.start()


def _in_thread(app: Flask, cohort_id: int, base_url: str) -> None:
    with app.app_context():
        try:
            accept_shortlist_job(cohort_id, base_url)
        finally:
            db.session.remove()
