"""Routes of the auth area: register, log in and out, reset a forgotten password."""

from __future__ import annotations

import math
import time

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import registration, services, visits
from app.auth.blueprint import bp
from app.auth.forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm
from app.auth.redirects import safe_local_path
from app.auth.sessions import end_all_login_sessions, end_login_session
from app.auth.tokens import user_from_confirmation_token, user_from_reset_token
from app.extensions import db, limiter

RESET_SENT = "If an account exists for that email, we've sent a link to reset its password. Check your inbox."
RESET_INVALID = "This reset link has expired or was already used. Ask for a new one."
CONFIRM_INVALID = (
    "This confirmation link has expired or is not valid. Log in and use "
    "“Resend confirmation email” at the top of the page to get a new one."
)
# The one answer to every valid registration form, whether or not the email already has an account.
REGISTERED = (
    "Check your inbox: we have sent you an email. Open the link in it to confirm your address. "
    "Meanwhile you can log in and complete your profile."
)


@bp.before_app_request
def log_out_deactivated_users():
    """A session that outlives its account's deactivation ends at the next request."""
    # Flask-Login already treats an inactive user as unauthenticated; this also clears the session.
    if not current_user.is_anonymous and not current_user.is_active:
        logout_user()
        flash(services.DEACTIVATED, "error")


@bp.after_request
def keep_reset_tokens_out_of_referrers(response):
    """A reset or confirmation link's token must not leak to other sites through the Referer header."""
    if request.endpoint in ("auth.reset_password", "auth.confirm_email"):
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


TOO_MANY_REGISTRATIONS = "Too many registrations from your address. Wait an hour and try again."
TOO_MANY_RESETS = "Too many reset requests. Wait an hour, then check your inbox or ask again."
TOO_MANY_CONFIRMATIONS = "Too many confirmation emails. Wait an hour, then check your inbox (and spam folder) or ask again."


def register_limit() -> str:
    return current_app.config["REGISTER_RATE_LIMIT"]


def register_limit_per_email() -> str:
    return current_app.config["REGISTER_RATE_LIMIT_PER_EMAIL"]


def reset_limit() -> str:
    return current_app.config["PASSWORD_RESET_RATE_LIMIT"]


def reset_limit_per_email() -> str:
    return current_app.config["PASSWORD_RESET_RATE_LIMIT_PER_EMAIL"]


def _email_in_form() -> str:
    return (request.form.get("email") or "").strip().lower()


def email_in_form() -> str:
    """The rate-limit key for reset mails to one address, whatever its case."""
    return "reset-email:" + _email_in_form()


def confirmation_limit() -> str:
    return current_app.config["CONFIRMATION_RATE_LIMIT"]


def confirmation_limit_per_account() -> str:
    return current_app.config["CONFIRMATION_RATE_LIMIT_PER_ACCOUNT"]


def current_account_key() -> str:
    """The rate-limit key for confirmation mails to one account, from any address."""
    return f"confirm-account:{current_user.get_id().partition(':')[0]}"


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(register_limit, methods=["POST"], error_message=TOO_MANY_REGISTRATIONS)
@limiter.limit(
    register_limit_per_email,
    methods=["POST"],
    key_func=lambda: "register-email:" + _email_in_form(),
    error_message=TOO_MANY_REGISTRATIONS,
)
def register():
    """A cluster manager creates an account; the answer is the same whether or not the email has one."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        started = time.monotonic()
        registration.register(
            name=form.name.data,
            email=form.email.data,
            password=form.password.data,
            country=form.country.data,
            organisation=form.organisation.data,
        )
        db.session.commit()
        wait_until(started + current_app.config["REGISTER_MIN_SECONDS"])
        flash(REGISTERED, "info")
        return redirect(url_for("auth.login", next=profile_edit_url()))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with email and password; repeated failures are throttled (app/auth/queries.py)."""
    if current_user.is_authenticated:
        return redirect(safe_next_url() or url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt = services.begin_login_attempt(email=form.email.data, ip=client_ip())
        db.session.commit()  # seen by concurrent attempts before this password is checked
        outcome = services.authenticate(attempt, password=form.password.data)
        db.session.commit()  # a failure stays counted; a refused or successful attempt is gone
        if outcome.wait_seconds:
            abort(429, too_many_attempts_message(outcome.wait_seconds))
        if outcome.user is None:
            form.form_errors.append(outcome.error)
        else:
            visits.remember_previous_login(outcome.user)
            outcome.user.open_login_session()
            login_user(outcome.user, remember=form.remember.data)
            services.record_login(outcome.user, ip=client_ip())
            db.session.commit()
            return redirect(safe_next_url() or url_for("main.index"))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """Log out (POST only, so a link or an image cannot log someone out); the old cookie stops working."""
    if current_user.is_authenticated:
        end_login_session(current_user)
        db.session.commit()
    logout_user()
    visits.forget_previous_login()
    flash("You have been logged out.", "info")
    return redirect(url_for("main.index"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    """Log out of all devices: every session and remember-me cookie of this account stops working."""
    end_all_login_sessions(current_user)
    db.session.commit()
    logout_user()
    visits.forget_previous_login()
    flash("You have been logged out on all your devices.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(reset_limit, methods=["POST"], error_message=TOO_MANY_RESETS)
@limiter.limit(
    reset_limit_per_email, methods=["POST"], key_func=email_in_form, error_message=TOO_MANY_RESETS
)
def forgot_password():
    """Ask for a reset link; the answer, and how long it takes, is the same whether or not the account exists."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        started = time.monotonic()
        services.send_password_reset(email=form.email.data)
        db.session.commit()
        wait_until(started + current_app.config["PASSWORD_RESET_MIN_SECONDS"])
        flash(RESET_SENT, "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password from an emailed link; the link works once and expires."""
    user = user_from_reset_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html", message=RESET_INVALID), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(user, password=form.password.data)
        db.session.commit()
        flash("Your password has been changed. Log in with your new password.", "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.get("/confirm-email/<token>")
def confirm_email(token: str):
    """Open the mailed confirmation link: the account appears in the directory from now on."""
    user = user_from_confirmation_token(token)
    if user is None:
        return render_template("auth/confirm_invalid.html", message=CONFIRM_INVALID), 400
    registration.confirm_email(user)
    db.session.commit()
    flash(
        "Your email address is confirmed. Other members can now find you, "
        "and you can request introductions.",
        "success",
    )
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("main.index"))
    return redirect(url_for("auth.login"))


@bp.post("/confirm-email/resend")
@login_required
@limiter.limit(confirmation_limit, error_message=TOO_MANY_CONFIRMATIONS)
@limiter.limit(
    confirmation_limit_per_account,
    key_func=current_account_key,
    error_message=TOO_MANY_CONFIRMATIONS,
)
def resend_confirmation():
    """ "Resend confirmation email" from the banner every page shows until the address is confirmed."""
    if current_user.email_verified:
        flash("Your email address is already confirmed.", "info")
    else:
        registration.send_confirmation(current_user)
        db.session.commit()
        flash(
            f"We have sent a new confirmation link to {current_user.email}. "
            "It can take a few minutes; check your spam folder too.",
            "success",
        )
    return redirect(safe_local_path(request.form.get("next")) or url_for("main.index"))


def wait_until(deadline: float) -> None:
    """Sleep until `deadline` (time.monotonic), so known and unknown emails answer alike."""
    remaining = deadline - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)


def too_many_attempts_message(wait_seconds: int) -> str:
    """The 429 text, rounded up to whole minutes."""
    minutes = max(1, math.ceil(wait_seconds / 60))
    return f"Too many attempts. Wait {minutes} minute{'s' if minutes != 1 else ''} and try again."


def client_ip() -> str:
    """The address failed logins are counted against (the client's, behind PROXY_COUNT proxies)."""
    return request.remote_addr or "unknown"


def safe_next_url() -> str | None:
    """The `next` query parameter when it is a path on this site (never an open redirect)."""
    return safe_local_path(request.args.get("next"))


def profile_edit_url() -> str:
    """Where a new member goes next: their profile, once the profiles area is installed."""
    return (
        url_for("profiles.edit")
        if "profiles.edit" in current_app.view_functions
        else url_for("main.index")
    )
