"""Database models, one module per aggregate, re-exported here.

Modules added by later features (peers, notifications, vectors, coaching) are imported here too so
that Alembic and `db.create_all` see every table.
"""

from app.models.api_token import TOKEN_SCOPES, ApiToken
from app.models.challenge import STATUSES, Challenge, ChallengeTheme, Reply
from app.models.coaching import (
    Application,
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    CoachingSession,
    Homework,
    HomeworkSubmission,
)
from app.models.edition import MEMBER_ROLES, Edition, EditionMember
from app.models.meeting import (
    Meeting,
    MeetingEvent,
    MeetingFeed,
    MeetingParticipant,
    MeetingRating,
    MeetingReminder,
    MeetingSlot,
    MeetingWish,
)
from app.models.message import IntroductionMessage
from app.models.notification import NOTIFICATION_EVENTS, Notification, NotificationPreference
from app.models.peers import HiddenSuggestion, Introduction, IntroductionOutcome
from app.models.practice import (
    ADOPTION_KINDS,
    PRACTICE_TYPES,
    PRACTICE_VISIBILITIES,
    Practice,
    PracticeAdoption,
    PracticeAttachment,
    PracticeCoauthor,
    PracticeCollection,
    PracticeCollectionItem,
    PracticeFlag,
    PracticeLink,
    PracticeSolution,
    PracticeTag,
    PracticeVersion,
)
from app.models.profile import VISIBILITIES, Profile, ProfileEcosystem
from app.models.search import ChallengeSearch, ProfileSearch
from app.models.user import ROLES, LoginAttempt, LoginSession, OutboxMessage, User, utcnow
from app.models.vector import StoredVector

__all__ = [
    "ApiToken",
    "TOKEN_SCOPES",
    "Application",
    "BreakoutGroup",
    "BreakoutMember",
    "BreakoutRound",
    "BreakoutRule",
    "CoachingSession",
    "Homework",
    "HomeworkSubmission",
    "MEMBER_ROLES",
    "Meeting",
    "MeetingEvent",
    "MeetingFeed",
    "MeetingParticipant",
    "MeetingRating",
    "MeetingReminder",
    "MeetingSlot",
    "MeetingWish",
    "ROLES",
    "STATUSES",
    "VISIBILITIES",
    "Challenge",
    "ChallengeSearch",
    "ChallengeTheme",
    "Edition",
    "EditionMember",
    "HiddenSuggestion",
    "Introduction",
    "IntroductionMessage",
    "IntroductionOutcome",
    "NOTIFICATION_EVENTS",
    "Notification",
    "NotificationPreference",
    "StoredVector",
    "LoginAttempt",
    "LoginSession",
    "OutboxMessage",
    "ADOPTION_KINDS",
    "PRACTICE_TYPES",
    "PRACTICE_VISIBILITIES",
    "Practice",
    "PracticeAdoption",
    "PracticeAttachment",
    "PracticeCoauthor",
    "PracticeCollection",
    "PracticeCollectionItem",
    "PracticeFlag",
    "PracticeLink",
    "PracticeSolution",
    "PracticeTag",
    "PracticeVersion",
    "Profile",
    "ProfileEcosystem",
    "ProfileSearch",
    "Reply",
    "User",
    "utcnow",
]
