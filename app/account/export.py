"""A member's own data, as the JSON download on /account ("Download my data").

Everything app/privacy.py lists as a personal column of a row that is the person's is here
(secrets excepted: password hash, session and API token values). A row is the person's when it
names them: what they wrote, set, asked for, were given, or took part in. Others' notes about
them (an outcome the other side recorded, someone hiding them from suggestions) are the others'
records and are not exported. tests/app/security/test_privacy.py checks every personal text
column of every such row appears here.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select

from app.extensions import db
from app.models import (
    ApiToken,
    Application,
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    Challenge,
    CoachingSession,
    EditionMember,
    HiddenSuggestion,
    Homework,
    HomeworkSubmission,
    Introduction,
    IntroductionMessage,
    IntroductionOutcome,
    LoginAttempt,
    LoginSession,
    Meeting,
    MeetingFeed,
    MeetingParticipant,
    MeetingRating,
    MeetingReminder,
    MeetingWish,
    Notification,
    NotificationPreference,
    OutboxMessage,
    Practice,
    PracticeAdoption,
    PracticeAttachment,
    PracticeCoauthor,
    PracticeCollection,
    PracticeFlag,
    PracticeVersion,
    Reply,
    User,
)
from app.profiles import photos
from app.profiles.services import PLAIN_FIELDS


def _plain(value):
    """JSON-friendly dates."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def _row(obj, names: tuple[str, ...]) -> dict:
    return {name: _plain(getattr(obj, name)) for name in names}


def _all(statement) -> list:
    return list(db.session.scalars(statement))


def export_user_data(user: User) -> dict:
    """Everything the site holds about the user, section by section."""
    return {
        **export_account(user),
        **export_community(user),
        **export_coaching(user),
        **export_practices(user),
        "meetings": export_meetings(user),
        **export_settings_and_mail(user),
    }


def export_account(user: User) -> dict:
    """The account, its logins and API tokens (metadata only), and the profile."""
    profile = user.profile
    return {
        "account": _row(
            user,
            (
                "id",
                "email",
                "name",
                "role",
                "is_active_account",
                "created_at",
                "last_login_at",
                "email_verified_at",
                "timezone",
            ),
        ),
        "login_sessions": [
            _row(s, ("created_at",))
            for s in _all(select(LoginSession).where(LoginSession.user_id == user.id))
        ],
        "failed_logins": [
            _row(a, ("email", "ip", "created_at"))
            for a in _all(select(LoginAttempt).where(LoginAttempt.email == user.email))
        ],
        "api_tokens": [
            _row(t, ("name", "scope", "hint", "created_at", "last_used_at", "revoked_at"))
            for t in _all(select(ApiToken).where(ApiToken.user_id == user.id))
        ],
        "profile": None
        if profile is None
        else {
            **_row(
                profile,
                (*PLAIN_FIELDS, "maturity", "maturity_set_by_user", "created_at", "updated_at"),
            ),
            "ecosystems": profile.ecosystems,
            "photo": photos.export(profile),  # the kept thumbnail itself, base64 (None: no photo)
        },
    }


def export_community(user: User) -> dict:
    """Challenges, replies, introductions with their messages and outcomes, hidden suggestions."""
    introductions = _all(
        select(Introduction)
        .where(or_(Introduction.sender_id == user.id, Introduction.recipient_id == user.id))
        .order_by(Introduction.created_at)
    )
    return {
        "challenges": [
            {
                **_row(
                    c,
                    (
                        "id",
                        "title",
                        "body",
                        "status",
                        "ecosystem",
                        "country",
                        "edition_id",
                        "created_at",
                        "updated_at",
                        "solved_at",
                        "removed_at",
                    ),
                ),
                "themes": c.themes,
            }
            for c in _all(select(Challenge).where(Challenge.author_id == user.id))
        ],
        "replies": [
            _row(r, ("id", "challenge_id", "body", "helpful", "created_at", "updated_at"))
            for r in _all(select(Reply).where(Reply.author_id == user.id))
        ],
        "introductions": [_introduction(i, user) for i in introductions],
        "introduction_outcomes": [
            _row(o, ("introduction_id", "kind", "note", "created_at"))
            for o in _all(select(IntroductionOutcome).where(IntroductionOutcome.user_id == user.id))
        ],
        "hidden_suggestions": [
            _row(h, ("hidden_user_id", "suggestion_mode", "suggestion_score", "created_at"))
            for h in _all(select(HiddenSuggestion).where(HiddenSuggestion.user_id == user.id))
        ],
        "editions": [
            {"edition": m.edition.name, **_row(m, ("edition_id", "role", "attending", "joined_at"))}
            for m in _all(select(EditionMember).where(EditionMember.user_id == user.id))
        ],
    }


def _introduction(introduction: Introduction, user: User) -> dict:
    """One introduction: both sides' messages (the conversation), only the person's outcomes."""
    sent = introduction.sender_id == user.id
    messages = _all(
        select(IntroductionMessage)
        .where(IntroductionMessage.introduction_id == introduction.id)
        .order_by(IntroductionMessage.created_at)
    )
    return {
        **_row(introduction, ("id", "status", "message", "created_at", "responded_at")),
        **(_row(introduction, ("suggestion_mode", "suggestion_score")) if sent else {}),
        "direction": "sent" if sent else "received",
        "with": introduction.other_side(user).name,
        "messages": [
            {**_row(m, ("body", "created_at")), "from": "me" if m.author_id == user.id else "them"}
            for m in messages
        ],
        "outcomes": [
            _row(o, ("kind", "note", "created_at"))
            for o in introduction.outcomes
            if o.user_id == user.id
        ],
    }


def export_coaching(user: User) -> dict:
    """The person's part in the Academy: applications, homework, breakout groups, rules naming them."""
    submissions = _all(select(HomeworkSubmission).where(HomeworkSubmission.user_id == user.id))
    homework = {
        h.id: h
        for h in _all(select(Homework).where(Homework.id.in_([s.homework_id for s in submissions])))
    }
    memberships = db.session.execute(
        select(BreakoutMember, BreakoutGroup, BreakoutRound, CoachingSession)
        .join(BreakoutGroup, BreakoutMember.group_id == BreakoutGroup.id)
        .join(BreakoutRound, BreakoutGroup.round_id == BreakoutRound.id)
        .join(CoachingSession, BreakoutRound.session_id == CoachingSession.id)
        .where(BreakoutMember.user_id == user.id)
    ).all()
    led = _all(select(BreakoutGroup).where(BreakoutGroup.coach_id == user.id))
    rules = _all(
        select(BreakoutRule).where(
            or_(BreakoutRule.first_user_id == user.id, BreakoutRule.second_user_id == user.id)
        )
    )
    application_fields = (
        "edition_id",
        "motivation",
        "challenges",
        "commitments",
        "eligible",
        "eligibility_notes",
        "status",
        "score",
        "created_at",
        "decided_at",
    )
    return {
        "applications": [
            {**_row(a, application_fields), "edition": a.edition.name}
            for a in _all(select(Application).where(Application.user_id == user.id))
        ],
        "homework": [
            {
                **_row(
                    s, ("homework_id", "text", "link", "submitted_at", "feedback", "feedback_at")
                ),
                "homework": homework[s.homework_id].title,
            }
            for s in submissions
        ],
        "breakout_groups": [
            {
                "session": session.title,
                "round": breakout_round.number,
                "group": group.label,
                "group_id": member.group_id,
                "published": breakout_round.published_at is not None,
            }
            for member, group, breakout_round, session in memberships
        ],
        "breakout_groups_coached": [{"round_id": g.round_id, "group": g.label} for g in led],
        "breakout_rules": [
            {
                **_row(r, ("edition_id", "kind", "created_at")),
                "with_user_id": r.second_user_id if r.first_user_id == user.id else r.first_user_id,
            }
            for r in rules
        ],
    }


PRACTICE_FIELDS = (
    "id",
    "title",
    "summary",
    "kind",
    "problem",
    "how_to",
    "needs_time",
    "needs_budget",
    "needs_team",
    "results",
    "languages",
    "visibility",
    "published",
    "moderation_note",
    "created_at",
    "updated_at",
)


def export_practices(user: User) -> dict:
    """Practices authored or co-authored, adoptions and "taught", flags, versions, collections."""
    coauthored = select(PracticeCoauthor.practice_id).where(PracticeCoauthor.user_id == user.id)
    practices = _all(
        select(Practice)
        .where(or_(Practice.author_id == user.id, Practice.id.in_(coauthored)))
        .order_by(Practice.created_at)
    )
    return {
        "practices": [_practice(p, user) for p in practices],
        "practice_adoptions": [
            _row(a, ("practice_id", "kind", "country", "story", "result", "created_at"))
            for a in _all(select(PracticeAdoption).where(PracticeAdoption.user_id == user.id))
        ],
        "practice_flags": [
            _row(f, ("practice_id", "reason", "created_at"))
            for f in _all(select(PracticeFlag).where(PracticeFlag.user_id == user.id))
        ],
        "practice_versions": [
            _row(v, ("practice_id", "changed", "note", "snapshot", "created_at"))
            for v in _all(select(PracticeVersion).where(PracticeVersion.editor_id == user.id))
        ],
        "practice_attachments_uploaded": [
            _row(a, ("practice_id", "display_name", "content_type", "size", "created_at"))
            for a in _all(
                select(PracticeAttachment).where(PracticeAttachment.uploaded_by_id == user.id)
            )
        ],
        "practice_collections_curated": [
            _row(c, ("id", "edition_id", "title", "description", "created_at", "updated_at"))
            for c in _all(
                select(PracticeCollection).where(PracticeCollection.curator_id == user.id)
            )
        ],
    }


def _practice(practice: Practice, user: User) -> dict:
    return {
        **_row(practice, PRACTICE_FIELDS),
        "role": "author" if practice.author_id == user.id else "co-author",
        "tags": [{"kind": t.kind, "value": t.value} for t in practice.tags],
        "links": [{"url": link.url, "label": link.label} for link in practice.links],
    }


def export_meetings(user: User) -> dict:
    """Meeting days: registrations and availability, wishes made and received, meetings and ratings."""
    return {
        "registrations": [
            _row(p, ("event_id", "available_json", "registered_at"))
            for p in _all(select(MeetingParticipant).where(MeetingParticipant.user_id == user.id))
        ],
        "wishes": [
            _row(w, ("event_id", "target_id", "choice", "answer", "decline_reason", "created_at"))
            for w in _all(select(MeetingWish).where(MeetingWish.requester_id == user.id))
        ],
        "wishes_received": [
            _row(
                w, ("event_id", "requester_id", "choice", "answer", "decline_reason", "created_at")
            )
            for w in _all(select(MeetingWish).where(MeetingWish.target_id == user.id))
        ],
        "meetings": [
            {
                **_row(
                    m,
                    (
                        "event_id",
                        "slot_id",
                        "table",
                        "kind",
                        "mode",
                        "reasons_json",
                        "cancelled",
                        "held",
                        "outcome",
                        "created_at",
                        "updated_at",
                    ),
                ),
                "with_user_id": m.b_id if m.a_id == user.id else m.a_id,
            }
            for m in _all(
                select(Meeting).where(or_(Meeting.a_id == user.id, Meeting.b_id == user.id))
            )
        ],
        **_export_meeting_follow_up(user),
    }


def _export_meeting_follow_up(user: User) -> dict:
    """Meeting days: the calendar feed (never its token), six-month ratings, reminders sent."""
    feed = db.session.scalar(select(MeetingFeed).where(MeetingFeed.user_id == user.id))
    return {
        "calendar_feed": None if feed is None else _row(feed, ("created_at", "last_used_at")),
        "six_month_ratings": [
            _row(r, ("meeting_id", "outcome", "rated_at"))
            for r in _all(select(MeetingRating).where(MeetingRating.user_id == user.id))
        ],
        "follow_up_reminders": [
            _row(r, ("event_id", "step", "sent_on"))
            for r in _all(select(MeetingReminder).where(MeetingReminder.user_id == user.id))
        ],
    }


def export_settings_and_mail(user: User) -> dict:
    """Notifications and their settings, and the mails kept in the outbox."""
    preference = db.session.get(NotificationPreference, user.id)
    return {
        "notifications": [
            _row(n, ("event", "message", "link", "created_at", "read_at", "digested_at"))
            for n in _all(select(Notification).where(Notification.user_id == user.id))
        ],
        "notification_settings": None
        if preference is None
        else _row(preference, ("muted_events", "email_enabled", "weekly_digest", "last_digest_at")),
        "mails": [
            _row(m, ("recipient", "subject", "body", "sent", "created_at"))
            for m in _all(
                select(OutboxMessage).where(
                    or_(OutboxMessage.user_id == user.id, OutboxMessage.recipient == user.email)
                )
            )
        ],
    }
