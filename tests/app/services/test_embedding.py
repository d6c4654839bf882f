"""Keeping vectors fresh: stale marking on save, `flask embed`, and the sync and thread backends."""

from __future__ import annotations

import time

from app.extensions import db
from app.models import StoredVector
from app.services import embedding
from app.signals import challenge_saved, profile_saved
from tests.app.peers.conftest import store_vectors, unit


def vectors_of(kind: str, owner_id: int) -> dict[str, StoredVector]:
    return {
        v.field: v
        for v in db.session.scalars(
            db.select(StoredVector).filter_by(owner_kind=kind, owner_id=owner_id)
        )
    }


def test_changed_profile_text_marks_its_vectors_stale_and_keeps_the_old_vector(app, make_user):
    profile = make_user().profile
    store_vectors("profile", profile.id, about=unit(0), expertise=unit(1), needs=unit(2))
    for field, text in embedding.profile_texts(profile).items():
        vectors_of("profile", profile.id)[field].text_hash = embedding.text_hash(text)
    profile.expertise = "Cluster internationalisation and EU funding"
    profile_saved.send(profile, changed_text=True)
    rows = vectors_of("profile", profile.id)
    assert rows["expertise"].stale and not rows["about"].stale and not rows["needs"].stale
    assert rows["expertise"].vector == unit(1).tobytes()  # pages keep using it meanwhile


def test_save_without_text_change_marks_nothing_stale(fake_embedder, make_user):
    profile = make_user().profile
    embedding.mark_stale("profile", profile.id, embedding.profile_texts(profile))
    embedding.embed_stale()
    profile.country = "PT"
    profile_saved.send(profile, changed_text=False)
    assert embedding.stale_count() == 0


def test_first_save_of_a_profile_creates_its_rows_even_without_text_change(app, make_user):
    profile = make_user().profile
    profile_saved.send(profile, changed_text=False)
    assert set(vectors_of("profile", profile.id)) == {"about", "expertise", "needs"}


def test_posted_challenge_gets_a_stale_vector_row(app, make_user, make_challenge):
    challenge = make_challenge(make_user())
    challenge_saved.send(challenge, created=True, changed_text=True)
    assert vectors_of("challenge", challenge.id)["text"].stale


def test_sync_backend_embeds_at_once(fake_embedder, make_user):
    fake_embedder.config["EMBEDDING_BACKEND"] = "sync"
    profile = make_user(expertise="EU funding").profile
    profile_saved.send(profile, changed_text=True)
    rows = vectors_of("profile", profile.id)
    assert not rows["expertise"].stale and rows["expertise"].model_name == "fake-bag-of-words"
    assert rows["expertise"].text_hash == embedding.text_hash("EU funding")


def test_flask_embed_recomputes_stale_and_missing_vectors_in_batches(
    fake_embedder, make_user, make_challenge, runner
):
    users = [make_user() for _ in range(3)]
    make_challenge(users[0])
    db.session.commit()
    result = runner.invoke(args=["embed", "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert "Embedded 10 text(s); 0 still stale." in result.output
    assert embedding.stale_count() == 0
    assert (
        db.session.scalar(
            db.select(db.func.count(StoredVector.id)).where(StoredVector.vector.is_(None))
        )
        == 0
    )


def test_embed_drops_vectors_of_deleted_owners(fake_embedder, make_user):
    profile = make_user().profile
    embedding.mark_stale("profile", profile.id, embedding.profile_texts(profile))
    db.session.delete(profile)
    db.session.commit()
    embedding.embed_stale()
    assert db.session.scalar(db.select(db.func.count(StoredVector.id))) == 0


def test_empty_text_is_stored_without_a_vector(fake_embedder, make_user):
    profile = make_user(needs="").profile
    embedding.mark_stale("profile", profile.id, embedding.profile_texts(profile))
    embedding.embed_stale()
    row = vectors_of("profile", profile.id)["needs"]
    assert row.vector is None and not row.stale


def test_thread_backend_embeds_after_the_commit(fake_embedder, make_user):
    fake_embedder.config["EMBEDDING_BACKEND"] = "thread"
    profile = make_user(expertise="Smart specialisation").profile
    profile_saved.send(profile, changed_text=True)
    assert embedding.stale_count() == 3  # nothing runs before the commit
    db.session.commit()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and embedding.stale_count():
        time.sleep(0.05)
        db.session.expire_all()
    assert embedding.stale_count() == 0


def test_worker_command_without_redis_exits_with_a_one_line_error(app, runner):
    result = runner.invoke(args=["worker"])
    assert result.exit_code == 2 and "REDIS_URL is not set" in result.output


def test_first_index_build_of_a_process_resumes_stale_vectors(fake_embedder, make_user):
    from app.services import matching

    fake_embedder.config["EMBEDDING_BACKEND"] = "thread"
    profile = make_user().profile
    embedding.mark_stale("profile", profile.id, embedding.profile_texts(profile))
    db.session.info.pop(
        "embedding_wanted", None
    )  # as if the job that was asked for died with its worker
    db.session.commit()
    matching.peer_snapshot()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and embedding.stale_count():
        time.sleep(0.05)
        db.session.expire_all()
    assert embedding.stale_count() == 0
