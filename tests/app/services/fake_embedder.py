"""Stand-ins for the real model in tests: a bag-of-words embedder, and a slow one to kill mid-batch."""

from __future__ import annotations

import hashlib
import os
import time

import numpy as np

from matching.text.embedder import DIMENSIONS, Embedder


class FakeEmbedder:
    """Hashes words into 384 buckets: texts sharing words get close vectors; instant and deterministic."""

    model_name = "fake-bag-of-words"
    text_hash = staticmethod(Embedder.text_hash)

    def __init__(self):
        self.calls = 0

    def embed(self, texts):
        """Unit vectors (zeros for empty texts)."""
        self.calls += 1
        vectors = np.zeros((len(texts), DIMENSIONS), np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSIONS] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


class SlowEmbedder(FakeEmbedder):
    """Sleeps FAKE_EMBED_DELAY seconds per batch, so a test can kill the worker between batches."""

    def embed(self, texts):
        time.sleep(float(os.environ.get("FAKE_EMBED_DELAY", "0.5")))
        return super().embed(texts)
