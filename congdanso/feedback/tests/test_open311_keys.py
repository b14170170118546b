"""Open311 API keys: issued per client by administrators (service, admin, ``congdanso open311-key``), stored
only as SHA-256, audited, revocable."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from congdanso.accounts.models import Role
from congdanso.accounts.tests.factories import CitizenFactory, OfficialFactory
from congdanso.audit.models import AuditEvent
from congdanso.cli import VERB_TO_COMMAND
from congdanso.core.errors import Conflict, PermissionDenied, ValidationFailed
from congdanso.feedback.models import Open311Client
from congdanso.feedback.open311.selectors import client_for_key
from congdanso.feedback.open311.services import open311_client_create, open311_client_revoke
from congdanso.places.models import AgencyKind
from congdanso.places.tests.factories import AgencyFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def provincial_admin():
    committee = AgencyFactory(kind=AgencyKind.PROVINCIAL_COMMITTEE, unit=ProvinceFactory())
    return OfficialFactory(agency=committee, roles=[Role.ADMINISTRATOR], is_staff=True)


def test_create_stores_only_the_hash_and_audits():
    actor = provincial_admin()
    client, key = open311_client_create(actor=actor, name="  Zalo Mini App  ")
    assert key.startswith("cds311_") and len(key) == 50
    client.refresh_from_db()
    assert (client.name, client.key_hash, client.key_prefix, client.is_active) == (
        "Zalo Mini App",
        hashlib.sha256(key.encode()).hexdigest(),
        key[:12],
        True,
    )
    assert key not in json.dumps(list(Open311Client.objects.values()), default=str)
    event = AuditEvent.objects.get(action="feedback.open311_client_created")
    assert (event.actor_id, event.object_id, event.changes) == (
        actor.pk,
        str(client.pk),
        {"name": "Zalo Mini App", "key_prefix": key[:12]},
    )
    assert client_for_key(key) == client
    assert client_for_key(key + "x") is None


@pytest.mark.parametrize("kind", ["citizen", "handler", "wrong_role_admin_elsewhere"])
def test_only_administrators_or_the_system_create(kind):
    if kind == "citizen":
        actor = CitizenFactory()
    elif kind == "handler":
        actor = OfficialFactory(roles=[Role.HANDLER, Role.SUPERVISOR])
    else:
        actor = OfficialFactory(roles=[Role.RECEIVER])
    with pytest.raises(PermissionDenied):
        open311_client_create(actor=actor, name="X")
    assert (Open311Client.objects.count(), AuditEvent.objects.count()) == (0, 0)
    client, _key = open311_client_create(actor=None, name="X")  # the system (management command)
    with pytest.raises(PermissionDenied):
        open311_client_revoke(actor=actor, client=client)
    assert Open311Client.objects.get().is_active is True


def test_bad_names():
    open311_client_create(actor=None, name="A")
    with pytest.raises(Conflict):
        open311_client_create(actor=None, name="A")
    with pytest.raises(ValidationFailed):
        open311_client_create(actor=None, name="   ")
    with pytest.raises(ValidationFailed):
        open311_client_create(actor=None, name="x" * 121)
    assert Open311Client.objects.count() == 1


def test_revoke_is_audited_once_and_disables_the_key():
    actor = provincial_admin()
    client, key = open311_client_create(actor=actor, name="A")
    open311_client_revoke(actor=actor, client=client)
    open311_client_revoke(actor=actor, client=client)
    assert client_for_key(key) is None
    assert AuditEvent.objects.filter(action="feedback.open311_client_revoked").count() == 1


def test_command_prints_the_key_and_nothing_else():
    out, err = io.StringIO(), io.StringIO()
    call_command("open311_key", "Cổng tỉnh", stdout=out, stderr=err)
    key = out.getvalue().removesuffix("\n")
    assert "\n" not in key and err.getvalue() == ""
    assert client_for_key(key).name == "Cổng tỉnh"
    assert VERB_TO_COMMAND["open311-key"] == "open311_key"
    with pytest.raises(CommandError, match="Đã có ứng dụng Open311 tên “Cổng tỉnh”."):
        call_command("open311_key", "Cổng tỉnh", stdout=io.StringIO())


# --- admin -------------------------------------------------------------------------------------------

ADMIN_URL = "/quan-tri/feedback/open311client/"


def test_admin_creates_shows_the_key_once_and_deactivates(client):
    admin = provincial_admin()
    client.force_login(admin)
    response = client.post(f"{ADMIN_URL}add/", {"name": "Ứng dụng A"}, follow=True)
    assert response.status_code == 200
    created = Open311Client.objects.get()
    (message,) = [str(m) for m in response.context["messages"] if "Khoá API" in str(m)]
    key = message.rsplit(": ", 1)[1]
    assert client_for_key(key) == created
    assert key not in client.get(f"{ADMIN_URL}{created.pk}/change/").content.decode()
    response = client.post(ADMIN_URL, {"action": "deactivate", "_selected_action": [created.pk]}, follow=True)
    assert response.status_code == 200
    created.refresh_from_db()
    assert created.is_active is False


@pytest.mark.parametrize("kind", ["anonymous", "citizen", "handler"])
def test_admin_refuses_non_administrators(client, kind):
    if kind == "citizen":
        client.force_login(CitizenFactory())
    elif kind == "handler":
        client.force_login(OfficialFactory(roles=[Role.HANDLER], is_staff=True))
    response = client.post(f"{ADMIN_URL}add/", {"name": "Ứng dụng A"})
    assert response.status_code in (302, 403)
    assert Open311Client.objects.count() == 0
