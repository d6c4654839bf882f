"""Texts to numbers: sentence embeddings, TF-IDF and the small text helpers reasons use.

embedder.py  `Embedder`: texts to unit vectors with a sentence-transformers model
vectors.py   `PeopleVectors`, `embed_people`: one matrix per text field, aligned with people
tfidf.py     the one TF-IDF of the package (terms, weights, vectors, similarities)
"""

from matching.text.embedder import Embedder, ModelUnavailableError
from matching.text.vectors import PeopleVectors, embed_people

__all__ = ["Embedder", "ModelUnavailableError", "PeopleVectors", "embed_people"]
