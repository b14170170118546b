"""Citizen API of the feedback app (mounted at /api/v1/feedback).

Public: categories, nearby open reports, the public list and map, a public report. Signed in
(``session_or_token``): file a report (citizens; multipart with up to FEEDBACK_MAX_PHOTOS ``photos`` and an
optional ``Idempotency-Key`` header: a retry with the same key answers 200 with the same report), my
reports, the full view of one's own report (or of a report an official may handle), follow, add
information, rate, reopen. Errors are ``{code, message, details}``.
"""

from django.utils.translation import gettext as _
from ninja import File, Form, Header, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from congdanso.accounts import policies
from congdanso.accounts.api_auth import session_or_token
from congdanso.core.api_errors import ErrorOut
from congdanso.core.errors import NotFound, PermissionDenied, ValidationFailed
from congdanso.feedback import selectors
from congdanso.feedback.models import ReportSource
from congdanso.feedback.schemas import (
    CategoryOut,
    DetailOut,
    MapPointOut,
    MapQuery,
    MyReportOut,
    NearbyOut,
    NearbyQuery,
    PublicFilters,
    PublicReportOut,
    RatingIn,
    ReopenIn,
    ReportFullOut,
    ReportRefOut,
)
from congdanso.feedback.services.citizen import (
    feedback_add_info,
    feedback_follow,
    feedback_rate,
    feedback_reopen,
)
from congdanso.feedback.services.submission import feedback_submit

router = Router(tags=["Phản ánh kiến nghị"])

_AUTH = {401: ErrorOut, 403: ErrorOut}
_INPUT = {409: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut}
PAGE_SIZE = 20


def _full(report):
    """The full view (the schema adds the timeline)."""
    return report


@router.get(
    "/categories",
    response=list[CategoryOut],
    operation_id="feedback_categories",
    summary="Danh sách lĩnh vực phản ánh",
)
def categories(request):
    """Các lĩnh vực đang dùng, theo thứ tự hiển thị; ``attributes`` là câu hỏi bổ sung (Open311)."""
    return list(selectors.category_list())


@router.get(
    "/nearby",
    response={200: list[NearbyOut], 422: ErrorOut},
    operation_id="feedback_nearby",
    summary="Phản ánh đang xử lý cùng lĩnh vực ở gần",
)
def nearby(request, query: Query[NearbyQuery]):
    """Phản ánh công khai đang mở cùng lĩnh vực trong bán kính (mặc định 250 m), gần nhất trước."""
    try:
        category = selectors.category_get(query.category)
    except NotFound as error:
        raise ValidationFailed(
            error.message, code="unknown_category", details={"field": "category"}
        ) from None
    return selectors.reports_nearby(
        category=category, latitude=query.lat, longitude=query.long, radius_m=query.radius
    )


@router.post(
    "/reports",
    auth=session_or_token,
    response={201: ReportRefOut, 200: ReportRefOut, **_AUTH, **_INPUT},
    operation_id="feedback_report_create",
    summary="Gửi phản ánh",
)
def report_create(
    request,
    category: Form[str],
    title: Form[str],
    description: Form[str],
    latitude: Form[str] = "",
    longitude: Form[str] = "",
    commune_code: Form[str] = "",
    address: Form[str] = "",
    is_public: Form[bool] = True,
    is_anonymous: Form[bool] = False,
    photos: File[list[UploadedFile]] = None,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    """Multipart: các trường của phản ánh và tối đa 5 ảnh ``photos`` (ảnh được xoá EXIF/GPS). Gửi lại với
    cùng ``Idempotency-Key`` trả về đúng phản ánh đã tạo (200), không tạo bản thứ hai."""
    user = request.auth
    if not policies.is_citizen(user):
        raise PermissionDenied(_("Chỉ công dân mới gửi phản ánh qua API này."))
    scope = f"user:{user.pk}"
    report = feedback_submit(
        reporter=user,
        category_code=category,
        title=title,
        description=description,
        latitude=_number(latitude, float, "latitude"),
        longitude=_number(longitude, float, "longitude"),
        commune_code=_number(commune_code, int, "commune_code"),
        address=address,
        is_public=is_public,
        is_anonymous=is_anonymous,
        photos=photos or (),
        idempotency_key=idempotency_key,
        idempotency_scope=scope,
        source=ReportSource.API,
    )
    status = 200 if getattr(report, "replayed", False) else 201
    return Status(status, {"id": report.pk, "code": report.code, "status": report.status})


def _number(value: str, kind, field: str):
    """A form value as a number; empty means "not given"."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        message = _("Giá trị không hợp lệ.")
        raise ValidationFailed(message, details={"field": field, "message": message}) from None


@router.get(
    "/reports/mine",
    auth=session_or_token,
    response={200: list[MyReportOut], **_AUTH},
    operation_id="feedback_reports_mine",
    summary="Phản ánh của tôi",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def reports_mine(request):
    """Phản ánh bạn đã gửi, mới nhất trước (20 mục một trang)."""
    return selectors.reports_of(request.auth)


@router.get(
    "/reports/{code}",
    response={200: ReportFullOut | PublicReportOut, 404: ErrorOut},
    operation_id="feedback_report_get",
    summary="Chi tiết một phản ánh",
)
def report_get(request, code: str):
    """Người gửi và cán bộ có thẩm quyền xem đầy đủ; người khác xem phần công khai (riêng tư: 404)."""
    user = _optional_user(request)
    if user is not None:
        try:
            return _full(selectors.report_get_for(user, code))
        except NotFound:
            pass
    # A plain dict of public fields only, so that the full schema can never match it.
    return PublicReportOut.from_orm(selectors.report_get_public(code)).model_dump()


def _optional_user(request):
    """The signed-in user from a bearer token or the session, without requiring either."""
    from congdanso.accounts.api_auth import token_auth

    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = token_auth.authenticate(request, header.split(" ", 1)[1].strip())
        if user is not None:
            return user
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _own_or_handled(request, code: str):
    return selectors.report_get_for(request.auth, code)


@router.post(
    "/reports/{code}/follow",
    auth=session_or_token,
    response={200: DetailOut, 404: ErrorOut, 409: ErrorOut, **_AUTH},
    operation_id="feedback_report_follow",
    summary="Theo dõi phản ánh",
)
def report_follow(request, code: str):
    """Theo dõi một phản ánh công khai của người khác thay vì gửi trùng (gọi lại không tạo bản ghi mới)."""
    report = selectors.report_get_public(code)
    feedback_follow(user=request.auth, report=report)
    return {"detail": _("Bạn đang theo dõi phản ánh %(code)s.") % {"code": report.code}}


@router.post(
    "/reports/{code}/info",
    auth=session_or_token,
    response={200: ReportFullOut, 404: ErrorOut, **_AUTH, **_INPUT},
    operation_id="feedback_report_add_info",
    summary="Bổ sung thông tin theo yêu cầu",
)
def report_add_info(request, code: str, message: Form[str], photos: File[list[UploadedFile]] = None):
    """Người gửi bổ sung thông tin khi cơ quan yêu cầu (kèm ảnh nếu có)."""
    report = feedback_add_info(
        actor=request.auth, report=_own_or_handled(request, code), message=message, photos=photos or ()
    )
    return _full(report)


@router.post(
    "/reports/{code}/rating",
    auth=session_or_token,
    response={200: ReportFullOut, 404: ErrorOut, **_AUTH, **_INPUT},
    operation_id="feedback_report_rate",
    summary="Đánh giá kết quả xử lý",
)
def report_rate(request, code: str, payload: RatingIn):
    """Người gửi đánh giá 1–5 (kèm nhận xét) khi đã giải quyết hoặc bị từ chối; phản ánh được đóng."""
    report = feedback_rate(
        actor=request.auth,
        report=_own_or_handled(request, code),
        rating=payload.rating,
        comment=payload.comment,
    )
    return _full(report)


@router.post(
    "/reports/{code}/reopen",
    auth=session_or_token,
    response={200: ReportFullOut, 404: ErrorOut, **_AUTH, **_INPUT},
    operation_id="feedback_report_reopen",
    summary="Mở lại phản ánh chưa được giải quyết triệt để",
)
def report_reopen(request, code: str, payload: ReopenIn):
    """Người gửi mở lại phản ánh đã giải quyết trong số ngày cho phép, kèm lý do."""
    report = feedback_reopen(actor=request.auth, report=_own_or_handled(request, code), reason=payload.reason)
    return _full(report)


@router.get(
    "/public/reports",
    response={200: list[PublicReportOut], 422: ErrorOut},
    operation_id="feedback_public_reports",
    summary="Danh sách phản ánh công khai",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def public_reports(request, filters: Query[PublicFilters]):
    """Lọc theo lĩnh vực, trạng thái (hoặc ``open``/``closed``), xã/phường và ngày gửi."""
    return selectors.public_report_list(
        category=filters.category,
        status=filters.status,
        commune_code=filters.commune,
        since=filters.since,
        until=filters.until,
    )


@router.get(
    "/public/map",
    response={200: list[MapPointOut], 422: ErrorOut},
    operation_id="feedback_public_map",
    summary="Điểm phản ánh công khai trên bản đồ (gom cụm)",
)
def public_map(request, query: Query[MapQuery]):
    """``bbox=nam,tây,bắc,đông`` và ``zoom`` (0–20); trả về các cụm (số lượng, tâm) và phản ánh đơn lẻ."""
    parts = query.bbox.split(",")
    if len(parts) != 4:
        raise ValidationFailed(
            _("Khung bản đồ không hợp lệ (nam, tây, bắc, đông)."),
            code="invalid_bbox",
            details={"field": "bbox"},
        )
    south, west, north, east = parts
    return selectors.public_map_points(
        south=south,
        west=west,
        north=north,
        east=east,
        zoom=query.zoom,
        category=query.category,
        status=None if query.status == "all" else query.status,
    )
