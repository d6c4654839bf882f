"""Peer recommendations: who should meet whom, ranked, spread out and explained.

recommend.py    `recommend()`, the one-call API, and `Recommendation`
scoring.py      the score's terms and `RecommendWeights`, the recommendation `MODES`
index.py        `PeerIndex`, the long-lived search structure (one person at a time)
index_batch.py  everyone's top-k as one blocked matrix product
topk.py         top-k selection helpers
mmr.py          maximal marginal relevance re-ranking
approx.py       `IVFIndex`, approximate search for very large communities
reasons.py      `Explainer`: reasons for a recommendation or a tandem
"""

from matching.recommendations.index import PeerIndex
from matching.recommendations.reasons import Explainer
from matching.recommendations.recommend import Recommendation, recommend
from matching.recommendations.scoring import MODES, RecommendWeights

__all__ = ["MODES", "Explainer", "PeerIndex", "Recommendation", "RecommendWeights", "recommend"]
