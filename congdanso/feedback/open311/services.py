"""Writes of the Open311 server: issuing and revoking client API keys (audited, administrators only)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from congdanso.accounts.policies import can_administer
from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, PermissionDenied, ValidationFailed
from congdanso.feedback.models import Open311Client
from congdanso.feedback.open311.keys import key_display_prefix, key_generate, key_hash

NAME_MAX_LENGTH = 120


def _require_administrator(actor) -> None:
    """``actor=None`` is the system (management command); a person must be an administrator."""
    if actor is not None and not can_administer(actor):
        raise PermissionDenied(_("Chỉ quản trị viên được quản lý ứng dụng Open311."))


@transaction.atomic
def open311_client_create(*, actor, name: str) -> tuple[Open311Client, str]:
    """Register a client and issue its key. Returns ``(client, clear_key)``; the clear key is not stored."""
    _require_administrator(actor)
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Vui lòng nhập tên ứng dụng Open311."), details={"name": "required"})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationFailed(
            _("Tên ứng dụng Open311 dài tối đa %(max)d ký tự.") % {"max": NAME_MAX_LENGTH},
            details={"name": "too_long"},
        )
    if Open311Client.objects.filter(name=name).exists():
        raise Conflict(_("Đã có ứng dụng Open311 tên “%(name)s”.") % {"name": name}, code="duplicate_name")
    clear_key = key_generate()
    client = Open311Client(name=name, key_hash=key_hash(clear_key), key_prefix=key_display_prefix(clear_key))
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as error:  # a concurrent create with the same name
        raise Conflict(
            _("Đã có ứng dụng Open311 tên “%(name)s”.") % {"name": name}, code="duplicate_name"
        ) from error
    audit_record(
        actor=actor,
        action="feedback.open311_client_created",
        target=client,
        changes={"name": name, "key_prefix": client.key_prefix},
    )
    return client, clear_key


@transaction.atomic
def open311_client_revoke(*, actor, client: Open311Client) -> Open311Client:
    """Deactivate a client: its key stops working at once. Revoking twice changes nothing more."""
    _require_administrator(actor)
    client = Open311Client.objects.select_for_update().get(pk=client.pk)
    if not client.is_active:
        return client
    client.is_active = False
    client.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="feedback.open311_client_revoked",
        target=client,
        changes={"is_active": [True, False]},
    )
    return client
