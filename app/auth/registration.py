"""Registration and email confirmation (writes; they flush, never commit).

Registration answers the same way whether or not the email has an account: a new email gets an
unconfirmed account and a confirmation link, a taken one gets a mail to its owner ("someone
tried to create an account with this address"), and both paths hash the password once. Until the
owner opens the link, the account is listed nowhere (app/profile_visibility.py) and cannot request
introductions; they can log in and complete their profile meanwhile.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from app.auth.queries import find_user_by_email
from app.auth.tokens import make_confirmation_token
from app.extensions import db
from app.mail import send_email
from app.models import Profile, User, utcnow
from app.security import external_url
from app.signals import profile_saved


def register(
    *, name: str, email: str, password: str, country: str, organisation: str = ""
) -> User | None:
    """Create an unconfirmed participant account and mail its confirmation link, or, when the
    email already has an account, mail its owner instead. Returns the new user or None; the
    caller must answer the same either way."""
    owner = find_user_by_email(email)
    if owner is None:
        user = _create_account(
            name=name, email=email, password=password, country=country, organisation=organisation
        )
        if user is not None:
            send_confirmation(user)
            return user
        owner = find_user_by_email(email)  # registered by a concurrent request meanwhile
    # The same work as a new account: a password hash, then one mail.
    generate_password_hash(
        password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    )
    if owner is not None:
        _tell_owner_about_attempt(owner)
    return None


def _create_account(
    *, name: str, email: str, password: str, country: str, organisation: str
) -> User | None:
    """The new account and its (still incomplete) profile; None if the email was taken meanwhile."""
    user = User(name=name.strip(), email=User.normalise_email(email), role="participant")
    user.set_password(password)
    profile = Profile(user=user, country=country, organisation=(organisation or "").strip())
    try:
        with db.session.begin_nested():
            db.session.add_all([user, profile])
            db.session.flush()
    except IntegrityError:
        return None
    profile_saved.send(profile, changed_text=False)
    return user


def send_confirmation(user: User) -> None:
    """Mail the link that confirms the user's address (the token is masked in the outbox)."""
    token = make_confirmation_token(user)
    link = external_url("auth.confirm_email", token=token)
    days = max(1, current_app.config["EMAIL_CONFIRMATION_MAX_AGE"] // 86400)
    body = (
        f"Hello {user.name},\n\n"
        "Welcome to the Cluster Booster Community. Open this link to confirm that this is your "
        f"email address:\n\n{link}\n\n"
        "Until you confirm it, other members cannot find you in the directory and you cannot "
        "request introductions. You can already log in and complete your profile.\n"
        f"The link expires in {days} day{'s' if days != 1 else ''}; a new one is a click away on "
        "the site (“Resend confirmation email”).\n\n"
        "If you did not create this account, ignore this email: nobody will see it.\n"
    )
    send_email(
        user.email,
        "Confirm your email address for the Cluster Booster Community",
        body,
        user_id=user.id,
        secrets=[token],
    )


def _tell_owner_about_attempt(owner: User) -> None:
    """Mail an account's owner that someone tried to register their address again."""
    body = (
        f"Hello {owner.name},\n\n"
        "Someone tried to create a Cluster Booster Community account with this address. "
        "It already has an account, so we did not create another one.\n\n"
        f"If it was you, log in:\n{external_url('auth.login')}\n\n"
        "or, if you do not remember your password, reset it:\n"
        f"{external_url('auth.forgot_password')}\n\n"
        "If it was not you, ignore this email: your account is unchanged.\n"
    )
    send_email(
        owner.email,
        "Someone tried to create an account with your email address",
        body,
        user_id=owner.id,
    )


def confirm_email(user: User) -> bool:
    """Mark the user's address as confirmed; False when it already was."""
    if user.email_verified_at is not None:
        return False
    user.email_verified_at = utcnow()
    db.session.flush()
    return True
