"""What we hold about a person, how they take it with them, and what deleting their account does.

The policy, table by table (`POLICY`; docs/security.md repeats it). Two kinds of rows survive a
deletion, both without the person in them:
- what others wrote or were given, and took part in: challenges and replies stay for the
  community, signed "Former member" (author emptied); breakout groups a coach led stay for their
  members (coach emptied), and the groups' stored reasons say "Former member" instead of the name;
- nothing else. Everything about the person goes: account, sessions, profile and its vectors and
  search document, applications (motivation), homework answers and links with their feedback,
  breakout memberships and the coaches' keep-apart/together rules naming them, cohort memberships,
  introductions both ways with every outcome and note on them, hidden suggestions both ways,
  notifications and their settings, mails kept in the outbox, and failed-login records.

A test (tests/app/security/test_privacy.py) builds a person with a row in every table, deletes
them and walks every table: a new table without a line here fails it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, or_, select, update

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
    CohortMember,
    HiddenSuggestion,
    Homework,
    HomeworkSubmission,
    Introduction,
    IntroductionMessage,
    IntroductionOutcome,
    LoginAttempt,
    LoginSession,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
    MeetingWish,
    Notification,
    NotificationPreference,
    OutboxMessage,
    Profile,
    Reply,
    StoredVector,
    User,
)

FORMER_MEMBER = "Former member"

# table → what deleting a person does to their rows there. "-" marks tables that hold nothing
# about a person (checked by the test: they have no column pointing at a user).
POLICY = {
    "user": "deleted",
    "login_session": "deleted (every device is logged out)",
    "login_attempt": "deleted (rows with the person's email)",
    "profile": "deleted, with its photo's file (removed after the commit: app/profiles/photos.py)",
    "profile_ecosystem": "deleted with the profile",
    "profile_search": "deleted with the profile",
    "stored_vector": "the profile's vectors deleted; their challenges' vectors stay with the challenges",
    "challenge": "kept for the community, author emptied (shown as “Former member”)",
    "challenge_theme": "kept with the challenge",
    "challenge_search": "kept with the challenge (title and body only, no name)",
    "reply": "kept for the community, author emptied (shown as “Former member”)",
    "introduction": "deleted, sent and received",
    "introduction_outcome": "deleted: theirs, and the other side's on their introductions",
    "hidden_suggestion": "deleted, both ways",
    "notification": "deleted",
    "notification_preference": "deleted",
    "outbox_message": "deleted (mails to the person)",
    "cohort_member": "deleted",
    "application": "deleted (motivation, challenges, commitments, score)",
    "homework_submission": "deleted (answers, links and the coach's feedback on them)",
    "breakout_member": "deleted (the round's CSV no longer lists them)",
    "breakout_rule": "deleted (keep-apart/together rules naming them)",
    "breakout_group": "kept for its members; as coach, emptied; stored reasons say “Former member”",
    "breakout_round": "kept; its stored unmet-rule texts say “Former member”",
    "api_token": "deleted (the person's API tokens stop working)",
    "introduction_message": "deleted with the introduction it belongs to (both sides' messages)",
    "meeting_event": "kept for its participants; its organiser emptied if it was the person",
    "meeting_slot": "-",
    "meeting_participant": "deleted (registration and availability)",
    "meeting_wish": "deleted, made and received",
    "meeting": "deleted (the other person's agenda loses the meeting)",
    "practice": "kept for the community, author emptied (shown as “Former member”)",
    "practice_tag": "-",
    "practice_coauthor": "deleted (no longer listed as co-author)",
    "practice_link": "-",
    "practice_attachment": "kept with the practice, uploader emptied",
    "practice_version": "kept as the practice's history, editor emptied",
    "practice_adoption": "deleted (their adoption stories)",
    "practice_flag": "deleted",
    "practice_solution": "-",
    "practice_collection": "kept for the edition, curator emptied",
    "practice_collection_item": "-",
    "cohort": "-",
    "coaching_session": "-",
    "homework": "-",
}


def _plain(value):
    """JSON-friendly dates."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def _row(obj, names: tuple[str, ...]) -> dict:
    return {name: _plain(getattr(obj, name)) for name in names}


def _all(statement) -> list:
    return list(db.session.scalars(statement))


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
    return {
        "applications": [
            {
                **_row(
                    a,
                    (
                        "cohort_id",
                        "motivation",
                        "challenges",
                        "commitments",
                        "eligible",
                        "eligibility_notes",
                        "status",
                        "score",
                        "created_at",
                        "decided_at",
                    ),
                ),
                "cohort": a.cohort.name,
            }
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
                "published": breakout_round.published_at is not None,
            }
            for _, group, breakout_round, session in memberships
        ],
        "breakout_groups_coached": [{"round_id": g.round_id, "group": g.label} for g in led],
        "breakout_rules": [
            {
                **_row(r, ("cohort_id", "kind", "created_at")),
                "with_user_id": r.second_user_id if r.first_user_id == user.id else r.first_user_id,
            }
            for r in rules
        ],
    }


def export_account_extras(user: User) -> dict:
    """Sessions, settings, hidden suggestions, mails and outcomes: the rest of what we hold."""
    preference = db.session.get(NotificationPreference, user.id)
    return {
        "login_sessions": [
            _row(s, ("created_at",))
            for s in _all(select(LoginSession).where(LoginSession.user_id == user.id))
        ],
        "notification_settings": None
        if preference is None
        else _row(preference, ("muted_events", "email_enabled", "weekly_digest", "last_digest_at")),
        "hidden_suggestions": [
            _row(h, ("hidden_user_id", "created_at"))
            for h in _all(select(HiddenSuggestion).where(HiddenSuggestion.user_id == user.id))
        ],
        "introduction_outcomes": [
            _row(o, ("introduction_id", "kind", "note", "created_at"))
            for o in _all(select(IntroductionOutcome).where(IntroductionOutcome.user_id == user.id))
        ],
        "api_tokens": [
            _row(t, ("name", "scope", "hint", "created_at", "last_used_at", "revoked_at"))
            for t in _all(select(ApiToken).where(ApiToken.user_id == user.id))
        ],
        "messages": [
            _row(m, ("introduction_id", "body", "created_at"))
            for m in _all(
                select(IntroductionMessage).where(IntroductionMessage.author_id == user.id)
            )
        ],
        "meetings": {
            "registrations": [
                _row(p, ("event_id", "available_json", "registered_at"))
                for p in _all(
                    select(MeetingParticipant).where(MeetingParticipant.user_id == user.id)
                )
            ],
            "wishes": [
                _row(
                    w, ("event_id", "target_id", "choice", "answer", "decline_reason", "created_at")
                )
                for w in _all(select(MeetingWish).where(MeetingWish.requester_id == user.id))
            ],
            "meetings": [
                _row(m, ("event_id", "slot_id", "table", "a_id", "b_id", "kind"))
                for m in _all(
                    select(Meeting).where(or_(Meeting.a_id == user.id, Meeting.b_id == user.id))
                )
            ],
        },
        "mails": [
            _row(m, ("subject", "body", "sent", "created_at"))
            for m in _all(
                select(OutboxMessage).where(
                    or_(OutboxMessage.user_id == user.id, OutboxMessage.recipient == user.email)
                )
            )
        ],
    }


def erase_person(user: User) -> None:
    """Delete or anonymise everything about `user`, following POLICY, and delete the account."""
    names = [user.name]
    _forget_in_breakout_texts(user, names)
    db.session.execute(
        update(Challenge).where(Challenge.author_id == user.id).values(author_id=None)
    )
    db.session.execute(update(Reply).where(Reply.author_id == user.id).values(author_id=None))
    db.session.execute(
        update(BreakoutGroup).where(BreakoutGroup.coach_id == user.id).values(coach_id=None)
    )
    db.session.execute(
        update(MeetingEvent).where(MeetingEvent.created_by_id == user.id).values(created_by_id=None)
    )
    introductions = select(Introduction.id).where(
        or_(Introduction.sender_id == user.id, Introduction.recipient_id == user.id)
    )
    profile_ids = select(Profile.id).where(Profile.user_id == user.id)
    for statement in (
        delete(IntroductionOutcome).where(
            or_(
                IntroductionOutcome.user_id == user.id,
                IntroductionOutcome.introduction_id.in_(introductions),
            )
        ),
        delete(IntroductionMessage).where(IntroductionMessage.introduction_id.in_(introductions)),
        delete(Introduction).where(Introduction.id.in_(introductions)),
        delete(ApiToken).where(ApiToken.user_id == user.id),
        delete(Meeting).where(or_(Meeting.a_id == user.id, Meeting.b_id == user.id)),
        delete(MeetingWish).where(
            or_(MeetingWish.requester_id == user.id, MeetingWish.target_id == user.id)
        ),
        delete(MeetingParticipant).where(MeetingParticipant.user_id == user.id),
        delete(HiddenSuggestion).where(
            or_(HiddenSuggestion.user_id == user.id, HiddenSuggestion.hidden_user_id == user.id)
        ),
        delete(Notification).where(Notification.user_id == user.id),
        delete(NotificationPreference).where(NotificationPreference.user_id == user.id),
        delete(OutboxMessage).where(
            or_(OutboxMessage.user_id == user.id, OutboxMessage.recipient == user.email)
        ),
        delete(LoginAttempt).where(LoginAttempt.email == user.email),
        delete(LoginSession).where(LoginSession.user_id == user.id),
        delete(Application).where(Application.user_id == user.id),
        delete(HomeworkSubmission).where(HomeworkSubmission.user_id == user.id),
        delete(BreakoutMember).where(BreakoutMember.user_id == user.id),
        delete(BreakoutRule).where(
            or_(BreakoutRule.first_user_id == user.id, BreakoutRule.second_user_id == user.id)
        ),
        delete(CohortMember).where(CohortMember.user_id == user.id),
        delete(StoredVector).where(
            StoredVector.owner_kind == "profile", StoredVector.owner_id.in_(profile_ids)
        ),
    ):
        db.session.execute(statement.execution_options(synchronize_session=False))
    if user.profile is not None:
        db.session.delete(user.profile)  # its ecosystems and search document go with it
    db.session.flush()
    db.session.delete(user)
    db.session.flush()
    db.session.expire_all()


def _forget_in_breakout_texts(user: User, names: list[str]) -> None:
    """Replace the person's name in the stored reasons and unmet-rule texts of their cohorts' rounds."""
    cohort_ids = select(CohortMember.cohort_id).where(CohortMember.user_id == user.id)
    rounds = _all(
        select(BreakoutRound).join(CoachingSession).where(CoachingSession.cohort_id.in_(cohort_ids))
    )
    for breakout_round in rounds:
        breakout_round.unmet = _without_names(breakout_round.unmet, names)
        for group in breakout_round.groups:
            group.reasons = _without_names(group.reasons, names)


def _without_names(texts: list[str] | None, names: list[str]) -> list[str] | None:
    """A stored list of texts (a JSON column) with each name replaced by "Former member"."""
    if not texts:
        return texts
    result = []
    for text in texts:
        for name in names:
            if name and name != FORMER_MEMBER:
                text = text.replace(name, FORMER_MEMBER)
        result.append(text)
    return result
