"""A real RQ worker killed mid-batch loses nothing: rows stay stale, pages work, `flask embed` finishes.

Needs Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379/15) and shares a file-based SQLite
database with the worker subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from flask_login import FlaskLoginClient

from app import create_app
from app.extensions import db
from app.models import StoredVector
from app.services import embedding
from app.signals import profile_saved
from config import TestConfig
from tests import factories

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CHANGED = 8
BATCH = 2


def redis_or_skip():
    """A Redis connection, or skip with the reason when none answers."""
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        connection = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        connection.ping()
    except RedisError as exc:
        pytest.skip(
            f"Redis is unreachable at {REDIS_URL} ({exc}); start it (`.ci/run` does) to run this test"
        )
    return connection


@pytest.fixture
def shared_app(tmp_path):
    """An app on a file SQLite database the worker subprocess can open too, queuing on a fresh RQ queue."""
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    config = type(
        "SharedConfig",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": database,
            "REDIS_URL": REDIS_URL,
            "EMBEDDING_BACKEND": "rq",
            "EMBEDDING_QUEUE": f"test-embeddings-{uuid.uuid4().hex[:8]}",
            "EMBEDDER_FACTORY": "tests.app.services.fake_embedder:FakeEmbedder",
        },
    )
    application = create_app(config)
    application.test_client_class = FlaskLoginClient
    with application.app_context():
        db.create_all()
        yield application
        db.session.remove()
        db.engine.dispose()


def start_worker(app) -> subprocess.Popen:
    """`flask worker` in a subprocess, embedding slowly (1 s per batch of 2) on the app's queue and database."""
    env = {
        **os.environ,
        "FLASK_APP": "app:create_app",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": REDIS_URL,
        "EMBEDDING_BACKEND": "rq",
        "EMBEDDING_QUEUE": app.config["EMBEDDING_QUEUE"],
        "EMBEDDER_FACTORY": "tests.app.services.fake_embedder:SlowEmbedder",
        "FAKE_EMBED_DELAY": "1",
        "EMBEDDING_BATCH_SIZE": str(BATCH),
        "PYTHONPATH": str(ROOT),
    }
    flask = Path(sys.executable).with_name("flask")
    return subprocess.Popen(
        [str(flask), "worker"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_for(condition, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.expire_all()
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_stale_vectors_survive_a_killed_worker_and_are_recomputed_later(shared_app):
    connection = redis_or_skip()
    users = [
        factories.make_user(name=f"Manager {i}", country="SI" if i % 2 else "PT")
        for i in range(CHANGED + 1)
    ]
    db.session.commit()
    embedding.mark_missing()
    embedding.embed_stale()  # everyone starts with fresh vectors of their old texts
    old_vectors = {v.id: v.vector for v in db.session.scalars(db.select(StoredVector))}

    for user in users[1:]:
        user.profile.expertise = f"New expertise of {user.name}: cluster internationalisation"
        profile_saved.send(user.profile, changed_text=True)
    db.session.commit()  # queues one embedding job on Redis
    assert embedding.stale_count() == CHANGED

    worker = start_worker(shared_app)
    try:
        started = wait_for(lambda: embedding.stale_count() <= CHANGED - BATCH)
        assert started, (
            f"the worker never finished a batch: {worker.stderr.read1().decode() if worker.poll() is not None else ''}"
        )
        worker.send_signal(signal.SIGKILL)  # mid-job: the next batch is being embedded
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
        connection.delete(f"rq:queue:{shared_app.config['EMBEDDING_QUEUE']}")

    stale = list(db.session.scalars(db.select(StoredVector).where(StoredVector.stale.is_(True))))
    assert 0 < len(stale) < CHANGED
    assert all(row.vector == old_vectors[row.id] for row in stale)  # the last good vector is kept

    page = shared_app.test_client(user=users[0]).get("/peers/")
    assert page.status_code == 200 and "Manager 1" in page.get_data(as_text=True)

    result = shared_app.test_cli_runner().invoke(args=["embed"])
    assert result.exit_code == 0, result.output
    assert embedding.stale_count() == 0
    fresh = db.session.scalar(
        db.select(StoredVector).filter_by(owner_id=users[-1].profile.id, field="expertise")
    )
    assert fresh.text_hash == embedding.text_hash(users[-1].profile.expertise)
