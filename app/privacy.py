"""What we hold about a person, how they take it with them, and what deleting their account does.

The policy, table by table (`POLICY`; docs/security.md repeats it). Two kinds of rows survive a
deletion, both without the person in them:
- what others wrote or were given, and took part in: challenges and replies stay for the
  community, signed "Former member" (author emptied); breakout groups a coach led stay for their
  members (coach emptied), and the groups' stored reasons say "Former member" instead of the name;
- nothing else. Everything about the person goes: account, sessions, profile and its vectors and
  search document, applications (motivation), homework answers and links with their feedback,
  breakout memberships and the coaches' keep-apart/together rules naming them, edition memberships,
  introductions both ways with every outcome and note on them, hidden suggestions both ways,
  notifications and their settings, mails kept in the outbox, and failed-login records.

Besides the line per table, every column of every table is sorted (`PERSONAL_COLUMNS`,
`SECRET_COLUMNS`, `OTHER_COLUMNS`): a personal column is in the person's export
(app/account/export.py) and goes, or stays without them, as its table's line says; a secret is
held but never exported; the other columns are keys, positions, counters and copies derived
from personal ones.

A test (tests/app/security/test_privacy.py) builds a person with a row in every table, deletes
them and walks every table: a new table without a line here, or a new column sorted nowhere,
fails it; so does a personal text column of the person's rows missing from their export.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, distinct, func, or_, select, update

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
    HomeworkSubmission,
    Introduction,
    IntroductionMessage,
    IntroductionOutcome,
    LoginAttempt,
    LoginSession,
    Meeting,
    MeetingEvent,
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
    "login_attempt": "deleted (rows with the person's email); exported while they last (15 minutes)",
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
    "edition_member": "deleted",
    "application": "deleted (motivation, challenges, commitments, score)",
    "homework_submission": "deleted (answers, links and the coach's feedback on them)",
    "breakout_member": "deleted (the round's CSV no longer lists them)",
    "breakout_rule": "deleted (keep-apart/together rules naming them)",
    "breakout_group": "kept for its members; as coach, emptied; stored reasons say “Former member”",
    "breakout_round": "kept; its stored unmet-rule texts say “Former member”",
    "api_token": "deleted (the person's API tokens stop working)",
    "introduction_message": "deleted with the introduction it belongs to (both sides' messages)",
    "meeting_event": (
        "kept for its participants; its organiser emptied if it was the person, and the last "
        "schedule build's list of unscheduled wishes loses theirs"
    ),
    "meeting_slot": "-",
    "meeting_participant": "deleted (registration and availability)",
    "meeting_wish": "deleted, made and received",
    "meeting": "deleted (the other person's agenda loses the meeting)",
    "meeting_feed": "deleted (the private calendar link stops working)",
    "meeting_rating": "deleted: theirs, and the other side's on their meetings",
    "meeting_reminder": "deleted (which six-month follow-up mails they were sent)",
    "practice": "kept for the community, author emptied (shown as “Former member”)",
    "practice_tag": "-",
    "practice_coauthor": "deleted (no longer listed as co-author)",
    "practice_link": "-",
    "practice_attachment": "kept with the practice, uploader emptied",
    "practice_version": "kept as the practice's history, editor emptied",
    "practice_adoption": "deleted (their adoption stories); the practices' adopter counts follow",
    "practice_flag": "deleted",
    "practice_solution": "-",
    "practice_collection": "kept for the edition, curator emptied",
    "practice_collection_item": "-",
    "edition": "-",
    "coaching_session": "-",
    "homework": "-",
}

# Every column, table by table (space-separated names). PERSONAL: about the person whose row it
# is; exported, and removed or kept without them as the table's POLICY line says. SECRET: held,
# never exported (hashes and session tokens). OTHER: keys, positions, counters, and copies
# derived from personal columns (rendered HTML, search documents, vectors). A table that is "-"
# in POLICY has only OTHER columns. A new column must be added to one of these (the test says so).
PERSONAL_COLUMNS = {
    "user": "email name role is_active_account created_at last_login_at email_verified_at timezone",
    "login_session": "created_at",
    "login_attempt": "email ip created_at",
    "profile": (
        "organisation website job_title country region founded_year members_count label "
        "maturity maturity_set_by_user about expertise needs languages visibility created_at "
        "updated_at"
    ),
    "profile_ecosystem": "ecosystem",
    "challenge": (
        "title body ecosystem country status edition_id created_at updated_at solved_at removed_at"
    ),
    "challenge_theme": "theme",
    "reply": "body helpful created_at updated_at",
    "introduction": "message status created_at responded_at suggestion_mode suggestion_score",
    "introduction_outcome": "kind note created_at",
    "introduction_message": "body created_at",
    "hidden_suggestion": "suggestion_mode suggestion_score created_at",
    "notification": "event message link read_at digested_at created_at",
    "notification_preference": "muted_events email_enabled weekly_digest last_digest_at",
    "outbox_message": "recipient subject body sent created_at",
    "edition_member": "edition_id role attending joined_at",
    "application": (
        "edition_id motivation challenges commitments eligible eligibility_notes status score "
        "created_at decided_at"
    ),
    "homework_submission": "homework_id text link submitted_at feedback feedback_at",
    "breakout_member": "group_id",
    "breakout_rule": "edition_id kind created_at",
    "api_token": "name scope hint created_at last_used_at revoked_at",
    "meeting_participant": "event_id available_json registered_at",
    "meeting_wish": "event_id choice answer decline_reason created_at",
    "meeting": (
        "event_id slot_id table kind mode reasons_json cancelled held outcome created_at updated_at"
    ),
    "meeting_feed": "created_at last_used_at",
    "meeting_rating": "meeting_id outcome rated_at",
    "meeting_reminder": "event_id step sent_on",
    "practice": (
        "title summary kind problem how_to needs_time needs_budget needs_team results languages "
        "visibility published moderation_note created_at updated_at"
    ),
    "practice_attachment": "display_name content_type size created_at",
    "practice_version": "changed note snapshot created_at",
    "practice_adoption": "practice_id kind country story result created_at",
    "practice_flag": "practice_id reason created_at",
    "practice_collection": "edition_id title description created_at updated_at",
}
SECRET_COLUMNS = {
    "user": "password_hash",
    "login_session": "token",
    "api_token": "token_hash",
    "meeting_feed": "token_hash",
}
OTHER_COLUMNS = {
    "user": "id",
    "login_session": "id user_id",
    "login_attempt": "id",
    "stored_vector": "id owner_kind owner_id field model_name text_hash vector stale updated_at",
    "profile": "id user_id photo_name",  # the photo's random file name; the export holds the photo
    "profile_ecosystem": "profile_id position",
    "profile_search": "profile_id names document",
    "challenge": "id author_id body_html accepted_reply_id",
    "challenge_theme": "challenge_id position",
    "challenge_search": "challenge_id document",
    "reply": "id challenge_id author_id body_html",
    "introduction": "id sender_id recipient_id",
    "introduction_outcome": "id introduction_id user_id",
    "introduction_message": "id introduction_id author_id",
    "hidden_suggestion": "id user_id hidden_user_id",
    "notification": "id user_id",
    "notification_preference": "user_id",
    "outbox_message": "id user_id",
    "edition_member": "id user_id",
    "meeting_feed": "id user_id",
    "meeting_rating": "id user_id",
    "meeting_reminder": "id user_id",
    "application": "id user_id",
    "homework_submission": "id user_id",
    "breakout_member": "id user_id",
    "breakout_rule": "id first_user_id second_user_id",
    "breakout_group": "id round_id position coach_id locked metrics reasons",
    "breakout_round": (
        "id session_id number group_size settings metrics unmet embeddings_source published_at "
        "created_at"
    ),
    "api_token": "id user_id",
    "meeting_event": (
        "id name place timezone edition_id open_to slot_minutes table_names min_meetings "
        "max_meetings wish_cap phase wishes_until draft_until follow_up_from last_build_json "
        "created_by_id created_at"
    ),
    "meeting_slot": "id event_id starts_at ends_at",
    "meeting_participant": "id user_id",
    "meeting_wish": "id requester_id target_id",
    "meeting": "id a_id b_id locked uid sequence",
    "practice": "id author_id how_to_html results_html adopters_count search_document",
    "practice_tag": "practice_id kind value position",
    "practice_coauthor": "practice_id user_id",
    "practice_link": "id practice_id url label position",
    "practice_attachment": "id practice_id uploaded_by_id stored_name",
    "practice_version": "id practice_id editor_id",
    "practice_adoption": "id user_id",
    "practice_flag": "id user_id",
    "practice_solution": "challenge_id practice_id created_at",
    "practice_collection": "id session_id curator_id",
    "practice_collection_item": "collection_id practice_id position note",
    "edition": (
        "id name place host description online_start online_end in_person_start in_person_end "
        "applications_open application_deadline min_size max_size accepting_since created_at"
    ),
    "coaching_session": "id edition_id title mode starts_at duration_minutes created_at",
    "homework": "id edition_id title instructions instructions_html due_on created_at",
}


def columns_of(table: str) -> dict[str, str]:
    """Column → "personal", "secret" or "other", as the dicts above sort them."""
    sorted_columns: dict[str, str] = {}
    for kind, listing in (
        ("personal", PERSONAL_COLUMNS),
        ("secret", SECRET_COLUMNS),
        ("other", OTHER_COLUMNS),
    ):
        for name in listing.get(table, "").split():
            sorted_columns[name] = kind
    return sorted_columns


def _all(statement) -> list:
    return list(db.session.scalars(statement))


def erase_person(user: User) -> None:
    """Delete or anonymise everything about `user`, following POLICY, and delete the account."""
    names = [user.name]
    _forget_in_breakout_texts(user, names)
    _forget_in_schedule_builds(user)
    adopted = _all(
        select(PracticeAdoption.practice_id).where(PracticeAdoption.user_id == user.id).distinct()
    )
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
        delete(PracticeAdoption).where(PracticeAdoption.user_id == user.id),
        *_erase_meeting_follow_up(user),
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
        delete(EditionMember).where(EditionMember.user_id == user.id),
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
    _recount_adopters(adopted)
    db.session.expire_all()


def _recount_adopters(practice_ids: list[int]) -> None:
    """The "adopted by" counts of the practices the person had adopted, without them."""
    adopters = (
        select(func.count(distinct(PracticeAdoption.user_id)))
        .where(PracticeAdoption.practice_id == Practice.id, PracticeAdoption.kind == "adopted")
        .scalar_subquery()
    )
    if practice_ids:
        db.session.execute(
            update(Practice).where(Practice.id.in_(practice_ids)).values(adopters_count=adopters)
        )


def _forget_in_schedule_builds(user: User) -> None:
    """Drop the person's wishes from the stored "could not be scheduled" lists of meeting events."""
    mine = str(user.id)
    events = _all(
        select(MeetingEvent).where(
            MeetingEvent.id.in_(
                select(MeetingParticipant.event_id).where(MeetingParticipant.user_id == user.id)
            ),
            MeetingEvent.last_build_json.is_not(None),
        )
    )
    for event in events:
        build = json.loads(event.last_build_json or "{}")
        build["unscheduled"] = [
            item
            for item in build.get("unscheduled", [])
            if mine not in (str(item.get("from")), str(item.get("to")))
        ]
        event.last_build_json = json.dumps(build)


def _erase_meeting_follow_up(user: User) -> list:
    """Deletes for the meeting-day rows about the person, run before their meetings go."""
    their_meetings = select(Meeting.id).where(or_(Meeting.a_id == user.id, Meeting.b_id == user.id))
    return [
        delete(MeetingRating).where(
            or_(MeetingRating.user_id == user.id, MeetingRating.meeting_id.in_(their_meetings))
        ),
        delete(MeetingReminder).where(MeetingReminder.user_id == user.id),
        delete(MeetingFeed).where(MeetingFeed.user_id == user.id),
    ]


def _forget_in_breakout_texts(user: User, names: list[str]) -> None:
    """Replace the person's name in the stored reasons and unmet-rule texts of their editions' rounds."""
    edition_ids = select(EditionMember.edition_id).where(EditionMember.user_id == user.id)
    rounds = _all(
        select(BreakoutRound)
        .join(CoachingSession)
        .where(CoachingSession.edition_id.in_(edition_ids))
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
