"""Who may apply to an edition's call, checked automatically with reasons a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app import reference
from app.models import Edition, User
from app.models.coaching import COMMITMENTS


@dataclass
class Eligibility:
    """The verdict on an application: a refusal stops it; problems make it ineligible but kept."""

    refusal: str | None = None
    problems: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        """Eligible when nothing refuses it and no commitment is missing."""
        return self.refusal is None and not self.problems

    @property
    def notes(self) -> str:
        """Problems then passed checks, one a line, for storing on the application."""
        return "\n".join(self.problems + self.checks)


def call_refusal(edition: Edition, *, today: date | None = None) -> str | None:
    """Why nobody can apply to this edition right now, or None when the call is open."""
    today = today or date.today()
    if not edition.applications_open:
        return f"The call for {edition.name} is closed; applications are not accepted."
    if edition.application_deadline and today > edition.application_deadline:
        deadline = edition.application_deadline.strftime("%-d %b %Y")
        return f"The deadline for {edition.name} was {deadline}; applications after it are refused."
    return None


def check_applicant(
    edition: Edition,
    user: User,
    commitments: list[str],
    *,
    today: date | None = None,
    call: bool = True,
) -> Eligibility:
    """Check the call, the applicant's country and profile, and the commitments they ticked.

    `call=False` skips the call's dates: a coach importing applications received elsewhere."""
    verdict = Eligibility(refusal=call_refusal(edition, today=today) if call else None)
    if verdict.refusal:
        return verdict
    profile = user.profile
    if profile is None or not profile.country:
        verdict.refusal = "Your profile has no country; complete your profile before applying."
        return verdict
    country = reference.country_name(profile.country)
    if profile.country not in reference.eligible_countries():
        verdict.refusal = f"{country} is not an EU or COSME-associated country, so managers from there cannot apply to this call."
        return verdict
    verdict.checks.append(f"Manages from {country}, an eligible country.")
    if profile.organisation:
        verdict.checks.append(f"Cluster organisation on profile: {profile.organisation}.")
    else:
        verdict.problems.append("No cluster organisation on the profile.")
    for key, text in COMMITMENTS.items():
        if key not in commitments:
            verdict.problems.append(f"Did not confirm: “{text}”.")
    return verdict
