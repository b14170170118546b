"""Audit log reading endpoint (mounted at /api/v1/audit).

Anonymous callers get 401. Signed-in users who may not read the audit log at all (citizens, officials
without the administrator or supervisor role) get 403 rather than an empty page, so that a client can
tell "no events" from "not allowed". Readers get the events their scope allows (see ``selectors``).
"""

import datetime as dt
import uuid

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from congdanso.accounts.api_auth import session_or_token
from congdanso.audit.selectors import audit_event_list, audit_log_readable
from congdanso.core.api_errors import ErrorOut
from congdanso.core.errors import PermissionDenied

router = Router(tags=["Nhật ký"])


class AuditEventOut(Schema):
    id: int
    occurred_at: dt.datetime
    actor_id: uuid.UUID | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict
    request_id: str

    @staticmethod
    def resolve_actor_name(obj) -> str:
        return str(obj.actor) if obj.actor_id else ""


class AuditEventFilters(Schema):
    object_type: str | None = None
    object_id: str | None = None
    action: str | None = None
    actor: uuid.UUID | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


@router.get(
    "/events",
    auth=session_or_token,
    response={200: list[AuditEventOut], 401: ErrorOut, 403: ErrorOut},
    operation_id="audit_events_list",
    summary="Nhật ký kiểm toán",
)
@paginate(PageNumberPagination, page_size=50)
def events_list(request, filters: Query[AuditEventFilters]):
    user = request.user
    if not audit_log_readable(user):
        raise PermissionDenied(_("Bạn không có quyền xem nhật ký kiểm toán."))
    return audit_event_list(user=user, **filters.dict())
