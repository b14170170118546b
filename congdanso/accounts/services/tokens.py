"""API tokens for machine clients: issued once in clear, stored as SHA-256, revocable."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.accounts.models import ApiToken, User
from congdanso.audit.services import audit_record
from congdanso.core.errors import Conflict, NotFound, ValidationFailed

TOKEN_PREFIX = "cds_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the clear token, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Vui lòng đặt tên cho mã truy cập."), code="token_name_required")
    if len(name) > 100:
        raise ValidationFailed(_("Tên mã truy cập tối đa 100 ký tự."), code="token_name_too_long")
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, token_hash=token_hash(clear), prefix=clear[:12])
    audit_record(
        actor=user, action="api_token.issued", target=token, changes={"name": name, "prefix": token.prefix}
    )
    return token, clear


@transaction.atomic
def api_token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of ``actor``'s own tokens (another user's token is reported as not found)."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
    if token is None:
        raise NotFound(_("Không tìm thấy mã truy cập."))
    if token.revoked_at is not None:
        raise Conflict(_("Mã truy cập này đã bị thu hồi."), code="token_already_revoked")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api_token.revoked", target=token, changes={"prefix": token.prefix})
    return token


def api_token_authenticate(clear: str) -> User | None:
    """The active user owning the (unrevoked) token, or None. Records the time of use."""
    if not clear or not clear.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(clear), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
