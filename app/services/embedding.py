"""Keeping stored vectors fresh: stale marking on save, the embedding job, and its backends.

Saving a profile or challenge marks the changed texts' vectors stale (the old vector stays, so
pages keep working). After the transaction commits, a job re-embeds stale rows in batches,
committing per batch: on RQ when EMBEDDING_BACKEND is "rq", in a thread of this process for
"thread", at once for "sync" (tests), never for "off". A job killed mid-batch loses nothing: its
rows are still stale, and the next job or `flask embed` picks them up.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from importlib import import_module

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, insert, select, update

from app.extensions import db
from app.models import Challenge, Practice, Profile, StoredVector, utcnow
from app.models.vector import VECTOR_FIELDS
from matching.text.embedder import Embedder

log = logging.getLogger(__name__)
DEFAULT_EMBEDDER = "matching:Embedder"
_embedders: dict[str, Embedder] = {}
_embedder_lock = threading.Lock()
_loaded: set[str] = set()  # keys of _embedders whose model has loaded in this process
_load_lock = threading.Lock()


def setting(name: str, default):
    """A config value, falling back to the environment (the worker subprocess has no other way in)."""
    value = current_app.config.get(name) if has_app_context() else None
    return value if value is not None else os.environ.get(name, default)


def _embedder_key() -> str:
    return f"{setting('EMBEDDER_FACTORY', DEFAULT_EMBEDDER)} {setting('EMBEDDING_MODEL', '')}"


def embedder() -> Embedder:
    """The process's embedder, created on first use: the model loads once per process."""
    factory = setting("EMBEDDER_FACTORY", DEFAULT_EMBEDDER)
    model = setting("EMBEDDING_MODEL", "")
    key = _embedder_key()
    with _embedder_lock:
        if key not in _embedders:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            module, _, name = factory.partition(":")
            options = {"model_name": model} if model and factory == DEFAULT_EMBEDDER else {}
            _embedders[key] = getattr(import_module(module), name)(**options)
    return _embedders[key]


def loaded_embedder(*, threads: int | None = None) -> Embedder:
    """The process's embedder with its model loaded; a thread asking meanwhile waits for that one load.

    `threads` (or EMBEDDING_THREADS) caps torch's threads for this process. Web workers use 1:
    one short text on 2 threads of a busy 2-CPU machine took 1.5 s instead of 0.1 s (the
    threads wait on each other), and several workers share the CPUs anyway.
    """
    model, key = embedder(), _embedder_key()
    if key in _loaded:
        return model
    with _load_lock:
        if key not in _loaded:
            threads = setting("EMBEDDING_THREADS", None) or threads
            if threads and setting("EMBEDDER_FACTORY", DEFAULT_EMBEDDER) == DEFAULT_EMBEDDER:
                import torch

                torch.set_num_threads(int(threads))
            model.embed(["Cluster Booster Community warm-up"])
            _loaded.add(key)
    return model


def model_ready() -> bool:
    """Whether this process's model has loaded (embedding a short text is then quick)."""
    return _embedder_key() in _loaded


def text_hash(text: str) -> str:
    """The hash stored beside a vector, to tell whether its text changed."""
    return Embedder.text_hash(text)


def profile_texts(profile: Profile) -> dict[str, str]:
    """The profile's texts the matcher reads, by field."""
    return {
        "expertise": profile.expertise or "",
        "needs": profile.needs or "",
        "about": profile.about or "",
    }


def challenge_texts(challenge: Challenge) -> dict[str, str]:
    """A challenge is embedded as its title and body together."""
    return {"text": f"{challenge.title}\n\n{challenge.body}"}


def practice_texts(practice: Practice) -> dict[str, str]:
    """A practice is embedded as what someone with a challenge would recognise: title, summary,
    the problem it addresses and its steps."""
    parts = (practice.title, practice.summary, practice.problem, practice.how_to)
    return {"text": "\n\n".join(part for part in parts if part)}


OWNERS = {
    "profile": (Profile, profile_texts),
    "challenge": (Challenge, challenge_texts),
    "practice": (Practice, practice_texts),
}


def owner_texts(kind: str, owner_id: int) -> dict[str, str] | None:
    """Current texts of an owner, or None when it no longer exists."""
    model, texts = OWNERS[kind]
    owner = db.session.get(model, owner_id)
    return None if owner is None else texts(owner)


def mark_stale(kind: str, owner_id: int, texts: dict[str, str]) -> list[StoredVector]:
    """Flag the vectors whose text changed (creating missing rows); the old vector is kept meanwhile."""
    existing = {
        v.field: v
        for v in db.session.scalars(
            select(StoredVector).where(
                StoredVector.owner_kind == kind, StoredVector.owner_id == owner_id
            )
        )
    }
    changed = []
    for field in VECTOR_FIELDS[kind]:
        row = existing.get(field)
        if row is None:
            row = StoredVector(
                owner_kind=kind, owner_id=owner_id, field=field, text_hash="", stale=True
            )
            db.session.add(row)
        if row.text_hash != text_hash(texts[field]) or row.vector is None:
            row.stale = True
            changed.append(row)
    db.session.flush()
    if changed:
        _after_marking(changed)
    return changed


def mark_new_stale(kind: str, owner_ids: list[int]) -> int:
    """Stale vector rows for many new owners at once (a bulk import); returns how many rows.

    The per-save path (`mark_stale`) reads each owner's rows first; new owners have none, so
    their rows go in with one INSERT, and one job embeds them after the commit."""
    if not owner_ids:
        return 0
    now = utcnow()
    rows = [
        {
            "owner_kind": kind,
            "owner_id": owner_id,
            "field": field,
            "text_hash": "",
            "stale": True,
            "model_name": "",
            "updated_at": now,
        }
        for owner_id in owner_ids
        for field in VECTOR_FIELDS[kind]
    ]
    db.session.execute(insert(StoredVector), rows)
    backend = setting("EMBEDDING_BACKEND", "thread")
    if backend == "sync":
        embed_rows(
            list(
                db.session.scalars(
                    select(StoredVector).where(
                        StoredVector.owner_kind == kind, StoredVector.owner_id.in_(owner_ids)
                    )
                )
            )
        )
    elif backend in ("thread", "rq"):
        db.session.info["embedding_wanted"] = backend
    return len(rows)


def has_rows(kind: str, owner_id: int) -> bool:
    """Whether the owner has vector rows yet."""
    query = (
        select(StoredVector.id)
        .where(StoredVector.owner_kind == kind, StoredVector.owner_id == owner_id)
        .limit(1)
    )
    return db.session.scalar(query) is not None


def touch(kind: str, owner_id: int) -> None:
    """Bump the owner's rows' updated_at: the per-process indexes rebuild on their next request."""
    db.session.execute(
        update(StoredVector)
        .where(StoredVector.owner_kind == kind, StoredVector.owner_id == owner_id)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _after_marking(rows: list[StoredVector]) -> None:
    """Embed now ("sync"), or ask for a job once this transaction commits ("thread", "rq")."""
    backend = setting("EMBEDDING_BACKEND", "thread")
    if backend == "sync":
        embed_rows(rows)
    elif backend in ("thread", "rq"):
        db.session.info["embedding_wanted"] = backend


def embed_rows(rows: list[StoredVector]) -> int:
    """Embed these rows' current texts in one model call and store them; returns how many were embedded."""
    pending = []
    for row in rows:
        texts = owner_texts(row.owner_kind, row.owner_id)
        if texts is None:
            db.session.delete(row)  # the profile or challenge is gone
        else:
            pending.append((row, texts[row.field]))
    model = loaded_embedder()
    vectors = model.embed([text for _, text in pending]) if pending else []
    for (row, text), vector in zip(pending, vectors, strict=True):
        row.vector = None if not text.strip() else vector.astype("float32").tobytes()
        row.text_hash, row.model_name, row.stale = text_hash(text), model.model_name, False
    db.session.flush()
    return len(pending)


def embed_now(kind: str, owner_id: int, texts: dict[str, str]) -> None:
    """Make sure one owner has vectors, embedding synchronously (one short text may wait on the model)."""
    if setting("EMBEDDING_BACKEND", "thread") == "off":
        return
    rows = mark_stale(kind, owner_id, texts)
    rows = [r for r in rows if r.stale]
    if rows:
        embed_rows(rows)


def mark_missing() -> int:
    """Create stale rows for profiles, challenges and practices that have none yet; returns how many owners."""
    count = 0
    for kind, (model, texts) in OWNERS.items():
        known = select(StoredVector.owner_id).where(StoredVector.owner_kind == kind)
        for owner in db.session.scalars(select(model).where(model.id.not_in(known))):
            existing = {
                f: StoredVector(owner_kind=kind, owner_id=owner.id, field=f, stale=True)
                for f in texts(owner)
            }
            db.session.add_all(existing.values())
            count += 1
    db.session.flush()
    return count


def stale_count() -> int:
    """How many vectors wait to be (re)computed."""
    from sqlalchemy import func

    return (
        db.session.scalar(select(func.count(StoredVector.id)).where(StoredVector.stale.is_(True)))
        or 0
    )


def embed_stale(*, batch_size: int | None = None, progress=None) -> int:
    """Re-embed every stale vector, committing after each batch; returns how many were embedded.

    `progress` is a callable told how many rows each batch finished (the CLI passes a tqdm update).
    """
    batch_size = int(batch_size or setting("EMBEDDING_BATCH_SIZE", 64))
    done, last_id = 0, 0
    while True:
        rows = list(
            db.session.scalars(
                select(StoredVector)
                .where(StoredVector.stale.is_(True), StoredVector.id > last_id)
                .order_by(StoredVector.id)
                .limit(batch_size)
            )
        )
        if not rows:
            return done
        last_id = rows[-1].id
        done += embed_rows(rows)
        db.session.commit()
        if progress:
            progress(len(rows))


def embedding_job() -> int:
    """The background job: embed everything stale. Runs in `flask worker` or a thread with an app context."""
    if not has_app_context():
        # A plain `rq worker` has no app (and this module does not import create_app back).
        raise RuntimeError("The embedding job needs the app: run the worker with `flask worker`.")
    return _run_job()


def _run_job() -> int:
    try:
        return embed_stale()
    finally:
        db.session.remove()


def enqueue_rq(app: Flask) -> None:
    """Put one embedding job on the app's RQ queue; if Redis is down the rows simply stay stale."""
    from redis import Redis
    from rq import Queue

    try:
        connection = Redis.from_url(app.config["REDIS_URL"])
        Queue(queue_name(app), connection=connection).enqueue(embedding_job, job_timeout=3600)
    except Exception:  # the user's save must not fail because Redis is away
        log.warning(
            "could not queue embedding job; stale vectors wait for the next job or `flask embed`",
            exc_info=True,
        )


def queue_name(app: Flask | None = None) -> str:
    """The RQ queue the web app puts jobs on and `flask worker` listens to."""
    config = (app or current_app).config
    return config.get("EMBEDDING_QUEUE") or os.environ.get("EMBEDDING_QUEUE", "embeddings")


def resume_stale(app: Flask) -> None:
    """On a process's first index build: if vectors wait (a killed worker, a fresh seed), start a job."""
    backend = setting("EMBEDDING_BACKEND", "thread")
    if backend not in ("thread", "rq") or not stale_count():
        return
    if backend == "rq" and app.config.get("REDIS_URL"):
        enqueue_rq(app)
    else:
        thread_runner.submit(app)


class ThreadRunner:
    """One daemon thread per process that runs embedding jobs one after another."""

    def __init__(self):
        self.jobs: queue.Queue[Flask] = queue.Queue()
        self.thread: threading.Thread | None = None

    def submit(self, app: Flask) -> None:
        """Ask for a run; several requests close together collapse into few runs."""
        if self.jobs.qsize() < 2:
            self.jobs.put(app)
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self._loop, name="embedder", daemon=True)
            self.thread.start()

    def _loop(self) -> None:
        while True:
            app = self.jobs.get()
            try:
                with app.app_context():
                    _run_job()
            except Exception:
                log.exception("embedding thread failed; stale vectors stay marked for the next run")
            finally:
                self.jobs.task_done()


thread_runner = ThreadRunner()


@event.listens_for(db.session, "after_commit")
def _dispatch_after_commit(session) -> None:
    """Once the texts are committed, start the job the receivers asked for."""
    backend = session.info.pop("embedding_wanted", None)
    if backend is None or not has_app_context():
        return
    app = current_app._get_current_object()
    if backend == "rq" and app.config.get("REDIS_URL"):
        enqueue_rq(app)
    else:
        thread_runner.submit(app)


@event.listens_for(db.session, "after_rollback")
def _forget_after_rollback(session) -> None:
    session.info.pop("embedding_wanted", None)
