"""Only admins reach the admin area; everyone else gets 403 or the login page."""

import pytest

ADMIN_ROUTES = [
    ("get", "/admin/"),
    ("get", "/admin/outbox"),
    ("post", "/admin/users/{id}/role"),
    ("post", "/admin/users/{id}/deactivate"),
    ("post", "/admin/users/{id}/reactivate"),
]


@pytest.mark.parametrize("role", ["participant", "alumni", "coach"])
@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES)
def test_non_admins_get_403_on_every_admin_route(login, make_user, role, method, path):
    user = make_user(role=role)
    client = login(user)

    response = getattr(client, method)(path.format(id=user.id), data={"role": "admin"})

    assert response.status_code == 403
    assert user.role == role


@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES)
def test_visitors_are_sent_to_log_in(client, make_user, method, path):
    user = make_user()

    response = getattr(client, method)(path.format(id=user.id))

    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_admin_link_target_exists(app):
    assert "admin.users" in app.view_functions
    assert "admin.outbox" in app.view_functions


def test_unknown_user_is_a_404(admin_client):
    assert admin_client.post("/admin/users/9999/role", data={"role": "coach"}).status_code == 404
    assert admin_client.post("/admin/users/9999/deactivate").status_code == 404
