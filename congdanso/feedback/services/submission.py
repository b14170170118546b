"""``feedback_submit``: a citizen's (or an Open311 client's) new report.

Order of work: every input is checked first (nothing written); then, in one savepoint, the receipt code is
issued, the report row is written with its route and deadlines, photos are stored without EXIF/GPS, the
idempotency key is recorded and the SUBMITTED event is written (timeline + audit). The responsible agency's
officials are notified in-app after commit. A retried submit with the same (scope, key) returns the first
report unchanged, also when two retries race (the loser's savepoint is rolled back and the winner returned).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congdanso.feedback.deadlines import report_deadlines
from congdanso.feedback.models import (
    Category,
    Report,
    ReportEventKind,
    ReportPhotoKind,
    ReportSource,
    ReportStatus,
    SubmissionKey,
)
from congdanso.feedback.services import submission_input as checks
from congdanso.feedback.services.citizen_photos import photos_check, photos_store, stored_files_discard
from congdanso.feedback.services.official_notices import officials_notify
from congdanso.feedback.services.receipts import receipt_code_issue
from congdanso.feedback.services.routing import routing_agency_for
from congdanso.feedback.services.timeline import report_event_record
from congdanso.places.boundary_lookup import boundaries_available, commune_id_at
from congdanso.places.models import AdministrativeUnit, UnitLevel

IDEMPOTENCY_KEY_MAX_LENGTH = 100


def _category(code) -> Category:
    category = Category.objects.filter(code=str(code or "").strip(), is_active=True).first()
    if category is None:
        raise checks.refuse("category_code", _("Lĩnh vực phản ánh không tồn tại."), "unknown_category")
    return category


def _chosen_commune(commune_code) -> AdministrativeUnit | None:
    if commune_code in (None, ""):
        return None
    try:
        code = int(commune_code)
    except (TypeError, ValueError):
        code = None
    commune = (
        AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE,
            code=code,
            parent__level=UnitLevel.PROVINCE,
            parent__code=settings.PROVINCE_CODE,
        ).first()
        if code is not None
        else None
    )
    if commune is None:
        raise checks.refuse("commune_code", _("Xã/phường không thuộc tỉnh."), "unknown_commune")
    return commune


def _locate(*, latitude, longitude, commune_code) -> tuple:
    """(latitude, longitude, commune): the commune from the pin when boundaries exist, else the chosen."""
    point = checks.coordinates(latitude, longitude)
    chosen = _chosen_commune(commune_code)
    if point is None and chosen is None:
        raise checks.refuse(
            "latitude",
            _("Hãy chọn vị trí trên bản đồ hoặc chọn xã/phường và nhập địa chỉ."),
            "location_required",
        )
    if point is None:
        return None, None, chosen
    lat, lon = point
    if boundaries_available():
        commune_id = commune_id_at(lat, lon)
        if commune_id is None:
            raise checks.out_of_province()
        commune = AdministrativeUnit.objects.filter(pk=commune_id).first()
        return lat, lon, commune
    if not checks.inside_province_bbox(lat, lon):
        raise checks.out_of_province()
    return lat, lon, chosen


def _scope_for(*, reporter, open311_client, idempotency_scope) -> str:
    if idempotency_scope:
        return str(idempotency_scope)[:100]
    if open311_client is not None:
        return f"open311:{open311_client.pk}"
    if reporter is not None and getattr(reporter, "pk", None):
        return f"user:{reporter.pk}"
    return "anon"


def _existing(scope: str, key: str) -> Report | None:
    found = SubmissionKey.objects.filter(scope=scope, key=key).select_related("report").first()
    return found.report if found else None


def feedback_submit(
    *,
    reporter,
    category_code: str,
    title: str,
    description: str,
    latitude: float | None = None,
    longitude: float | None = None,
    commune_code: int | None = None,
    address: str = "",
    is_public: bool = True,
    is_anonymous: bool = False,
    photos=(),
    idempotency_key: str | None = None,
    idempotency_scope: str | None = None,
    source: str = ReportSource.WEB,
    open311_client=None,
    contact: dict | None = None,
    attributes: dict | None = None,
    media_url: str = "",
    received_at=None,
) -> Report:
    """File a report; see the module docstring. Raises core errors and then changes nothing."""
    reporter = reporter if getattr(reporter, "is_authenticated", False) else None
    key = (idempotency_key or "").strip() or None
    if key is not None and len(key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise checks.refuse("idempotency_key", _("Khoá chống gửi trùng quá dài."), "invalid_idempotency_key")
    scope = _scope_for(reporter=reporter, open311_client=open311_client, idempotency_scope=idempotency_scope)
    with transaction.atomic():
        if key is not None and (existing := _existing(scope, key)) is not None:
            existing.replayed = True
            return existing
        report = None
        try:
            report = _submit_new(
                reporter=reporter,
                category_code=category_code,
                title=title,
                description=description,
                latitude=latitude,
                longitude=longitude,
                commune_code=commune_code,
                address=address,
                is_public=is_public,
                is_anonymous=is_anonymous,
                photos=photos,
                key=key,
                scope=scope,
                source=source,
                open311_client=open311_client,
                contact=contact,
                attributes=attributes,
                media_url=media_url,
                received_at=received_at,
            )
        except IntegrityError:
            winner = _existing(scope, key) if key is not None else None
            if winner is None:
                raise
            winner.replayed = True
            return winner
        report.replayed = False
        report_id = report.pk
        transaction.on_commit(lambda: officials_notify(report_id, ReportEventKind.SUBMITTED))
        return report


def _submit_new(
    *,
    reporter,
    category_code,
    title,
    description,
    latitude,
    longitude,
    commune_code,
    address,
    is_public,
    is_anonymous,
    photos,
    key,
    scope,
    source,
    open311_client,
    contact,
    attributes,
    media_url,
    received_at,
) -> Report:
    category = _category(category_code)
    title = checks.plain_text(title, field="title", label=_("Tiêu đề"), max_length=checks.TITLE_MAX_LENGTH)
    description = checks.plain_text(
        description, field="description", label=_("Nội dung"), max_length=checks.DESCRIPTION_MAX_LENGTH
    )
    address = checks.plain_text(
        address, field="address", label=_("Địa chỉ"), max_length=checks.ADDRESS_MAX_LENGTH, required=False
    )
    lat, lon, commune = _locate(latitude=latitude, longitude=longitude, commune_code=commune_code)
    if source not in ReportSource.values:
        raise checks.refuse("source", _("Nguồn phản ánh không hợp lệ."), "invalid_source")
    cleaned_attributes = checks.attributes_clean(category.attributes, attributes)
    contact_fields = checks.contact_clean(contact)
    media_url = checks.media_url_clean(media_url)
    photos = photos_check(photos)
    backdated = received_at is not None
    received_at = received_at or timezone.now()
    acknowledge_due_at, resolve_due_at = report_deadlines(category=category, received_at=received_at)
    agency = routing_agency_for(category=category, commune=commune)

    stored_names: list = []
    try:
        with transaction.atomic():
            report = Report(
                code=receipt_code_issue(received_at=received_at),
                category=category,
                title=title,
                description=description,
                latitude=lat,
                longitude=lon,
                address=address,
                commune=commune,
                agency=agency,
                reporter=reporter,
                source=source,
                open311_client=open311_client,
                attributes=cleaned_attributes,
                media_url=media_url,
                is_public=bool(is_public),
                is_anonymous=bool(is_anonymous),
                status=ReportStatus.NEW,
                acknowledge_due_at=acknowledge_due_at,
                resolve_due_at=resolve_due_at,
                **contact_fields,
            )
            report.save(force_insert=True)
            if backdated:  # imports and generators: the report was received earlier than now
                Report.objects.filter(pk=report.pk).update(created_at=received_at)
                report.created_at = received_at
            photos_store(
                owner=reporter,
                report=report,
                photos=photos,
                kind=ReportPhotoKind.CITIZEN,
                stored_names=stored_names,
            )
            if key is not None:
                SubmissionKey.objects.create(scope=scope, key=key, report=report)
            report_event_record(
                report=report,
                kind=ReportEventKind.SUBMITTED,
                actor=reporter,
                to_status=ReportStatus.NEW,
                data={"agency": agency.pk if agency else None, "commune": commune.code if commune else None},
                is_public=True,
                notify=False,
            )
    except BaseException:
        stored_files_discard(stored_names)
        raise
    return report
