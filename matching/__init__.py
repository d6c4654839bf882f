"""Peer matching for cluster managers: a library a data scientist can use without the web app.

Arrays and dataclasses in, results with reasons out. `Embedder` turns texts into vectors; the
algorithms (`recommend`, `PeerIndex`, `pair`, `form_groups`, `select_cohort`) take those vectors
as arrays and never see the model.
"""

from matching.cohort import CohortSelection, CohortWeights, coverage, select_cohort
from matching.groups import GroupResult, GroupWeights, evaluate_groups, form_groups
from matching.meetings import (
    MeetingEvent,
    MeetingRequest,
    ScheduledMeeting,
    ScheduleResult,
    UnscheduledRequest,
    schedule_meetings,
)
from matching.pairing import PairResult, PairWeights, pair
from matching.people import InputError, Person, load_people, parse_people, person_from_dict
from matching.recommendations.index import PeerIndex
from matching.recommendations.reasons import Explainer
from matching.recommendations.recommend import Recommendation, recommend
from matching.recommendations.scoring import MODES, RecommendWeights
from matching.search import TextLibrary, closeness_words, shared_phrases
from matching.text.embedder import Embedder, ModelUnavailableError
from matching.text.vectors import PeopleVectors, embed_people

__all__ = [
    "MODES",
    "CohortSelection",
    "CohortWeights",
    "Embedder",
    "Explainer",
    "GroupResult",
    "GroupWeights",
    "InputError",
    "MeetingEvent",
    "MeetingRequest",
    "ModelUnavailableError",
    "PairResult",
    "PairWeights",
    "PeerIndex",
    "PeopleVectors",
    "Person",
    "Recommendation",
    "RecommendWeights",
    "ScheduleResult",
    "ScheduledMeeting",
    "TextLibrary",
    "UnscheduledRequest",
    "closeness_words",
    "coverage",
    "embed_people",
    "evaluate_groups",
    "form_groups",
    "load_people",
    "pair",
    "parse_people",
    "person_from_dict",
    "recommend",
    "schedule_meetings",
    "select_cohort",
    "shared_phrases",
]
