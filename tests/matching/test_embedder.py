"""Embedder: the real all-MiniLM-L6-v2 model, offline, and a cache that never embeds twice."""

from __future__ import annotations

import numpy as np
import pytest

from matching.text.embedder import (
    DIMENSIONS,
    MODEL_NAME,
    Embedder,
    ModelUnavailableError,
    split_long_text,
)

MEMBERSHIP = "How do we attract new member companies and keep them engaged in the cluster?"
MEMBERSHIP_TOO = "Our membership has stalled; small firms do not see the value of joining."
HYDROGEN = "Electrolysers and hydrogen storage for decarbonising the steel plant."


@pytest.fixture(scope="module")
def embedder():
    """One embedder (and so one model load) for the module."""
    return Embedder()


def test_constructing_an_embedder_does_not_load_the_model():
    assert Embedder()._model is None


@pytest.mark.model
def test_vectors_are_unit_length_float32_rows(embedder):
    vectors = embedder.embed([MEMBERSHIP, HYDROGEN])
    assert vectors.shape == (2, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_a_membership_text_is_closer_to_another_membership_text_than_to_hydrogen(embedder):
    membership, membership_too, hydrogen = embedder.embed([MEMBERSHIP, MEMBERSHIP_TOO, HYDROGEN])
    assert membership @ membership_too > membership @ hydrogen + 0.2


@pytest.mark.model
def test_unchanged_texts_are_never_embedded_again(embedder):
    texts = [
        "Cluster managers share their funding roadmaps.",
        "A fresh text about textile traceability.",
    ]
    first = embedder.embed(texts)
    read = embedder.encoded_texts
    again = embedder.embed(texts[::-1] + texts)
    assert embedder.encoded_texts == read
    assert np.array_equal(again[1], first[0])


@pytest.mark.model
def test_empty_texts_give_zero_vectors_without_calling_the_model(embedder):
    read = embedder.encoded_texts
    assert not embedder.embed(["", "   "]).any()
    assert embedder.encoded_texts == read


@pytest.mark.model
def test_long_texts_are_embedded_in_sentence_windows_and_pooled(embedder):
    long_text = " ".join([MEMBERSHIP] * 20 + [HYDROGEN] * 20)
    read = embedder.encoded_texts
    vector = embedder.embed([long_text])[0]
    assert embedder.encoded_texts - read == len(split_long_text(long_text)) > 1
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
    membership, hydrogen = embedder.embed([MEMBERSHIP, HYDROGEN])
    assert vector @ membership > 0.5 and vector @ hydrogen > 0.5  # both halves count


@pytest.mark.model
def test_a_saved_cache_spares_a_new_embedder_the_model(embedder, tmp_path):
    vectors = embedder.embed([MEMBERSHIP])
    embedder.save_cache(tmp_path / "cache.npz")
    fresh = Embedder()
    assert fresh.load_cache(tmp_path / "cache.npz") >= 1
    assert np.array_equal(fresh.embed([MEMBERSHIP]), vectors)
    assert fresh.encoded_texts == 0 and fresh._model is None


def test_vectors_stored_as_bytes_seed_the_cache():
    stored = np.arange(DIMENSIONS, dtype=np.float32) / DIMENSIONS
    embedder = Embedder()
    assert (
        embedder.seed_cache(
            [(Embedder.text_hash("stored text"), stored.tobytes())], model_name=MODEL_NAME
        )
        == 1
    )
    assert np.array_equal(embedder.embed(["stored text"])[0], stored)
    assert embedder._model is None


def test_vectors_from_another_model_are_ignored():
    embedder = Embedder()
    assert embedder.seed_cache([("abc", np.zeros(DIMENSIONS))], model_name="another/model") == 0


def test_text_hash_is_the_sha256_of_the_text():
    assert (
        Embedder.text_hash("abc")
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_short_texts_stay_whole_and_long_ones_split_at_sentence_ends():
    assert split_long_text("One. Two.") == ["One. Two."]
    windows = split_long_text(
        " ".join(f"Sentence number {i} is here." for i in range(100)), max_words=50
    )
    assert all(len(w.split()) <= 50 for w in windows)
    assert all(w.endswith(".") for w in windows)
    assert len(windows) == 10


def test_the_model_name_is_a_setting_and_an_unknown_one_fails_with_the_fix(tmp_path):
    embedder = Embedder(model_name=str(tmp_path / "no-model-here"))
    assert embedder.model_name.endswith("no-model-here")
    with pytest.raises(ModelUnavailableError, match="not a local sentence-transformers folder"):
        embedder.embed(["a text that needs the model"])


def test_the_default_model_is_the_packaged_one():
    assert Embedder().model_name == MODEL_NAME == "sentence-transformers/all-MiniLM-L6-v2"
