"""Access rules as decorators: who may reach a view. Permission logic lives here, not in views."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def role_required(*roles: str):
    """Allow only logged-in users with one of `roles`; others get 403 (JSON or page, see errors)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


coach_required = role_required("coach", "admin")
admin_required = role_required("admin")
