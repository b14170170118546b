"""A citizen's report (phản ánh, kiến nghị), its photos, timeline, followers and escalations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congdanso.core.models import TimeStampedModel


class ReportStatus(models.TextChoices):
    """Workflow states. ``OPEN`` and ``CLOSED`` group them; Open311 shows only open/closed."""

    NEW = "new", _("Mới tiếp nhận")
    ACCEPTED = "accepted", _("Đang xử lý")
    AWAITING_INFO = "awaiting_info", _("Chờ bổ sung thông tin")
    RESOLVED = "resolved", _("Đã giải quyết")
    REJECTED = "rejected", _("Từ chối")
    DUPLICATE = "duplicate", _("Trùng lặp")
    CLOSED = "closed", _("Đã đóng")

    @classmethod
    def open_values(cls) -> tuple[str, ...]:
        return (cls.NEW, cls.ACCEPTED, cls.AWAITING_INFO)

    @classmethod
    def closed_values(cls) -> tuple[str, ...]:
        return (cls.RESOLVED, cls.REJECTED, cls.DUPLICATE, cls.CLOSED)


class ReportSource(models.TextChoices):
    WEB = "web", _("Cổng/ứng dụng")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")
    OFFICIAL = "official", _("Cán bộ nhập")


class Report(TimeStampedModel):
    """One report: what, where, who (kept private), the responsible agency, its state and deadlines."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("mã phản ánh"), max_length=20, unique=True)  # PAKN.YYYYMMDD.NNNN
    category = models.ForeignKey(
        "feedback.Category", verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="reports"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    description = models.TextField(_("nội dung"), max_length=4000)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    commune = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "places.Agency",
        verbose_name=_("cơ quan xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # null = provincial triage queue
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phản ánh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Contact given by an Open311 client for someone without an account (never shown publicly).
    contact_name = models.CharField(_("tên liên hệ"), max_length=150, blank=True)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=20, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=16, choices=ReportSource.choices, default=ReportSource.WEB
    )
    open311_client = models.ForeignKey(
        "feedback.Open311Client", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attributes = models.JSONField(_("thông tin bổ sung"), default=dict, blank=True)
    media_url = models.URLField(_("đường dẫn ảnh"), max_length=500, blank=True)
    is_public = models.BooleanField(_("công khai"), default=True)
    is_anonymous = models.BooleanField(_("ẩn danh với công chúng"), default=False)
    is_hidden = models.BooleanField(_("đã ẩn (nội dung vi phạm)"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.NEW, db_index=True
    )
    public_answer = models.TextField(_("trả lời công khai"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledge_due_at = models.DateTimeField(_("hạn tiếp nhận"), null=True, blank=True)
    resolve_due_at = models.DateTimeField(_("hạn giải quyết"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("giải quyết lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    is_overdue = models.BooleanField(_("quá hạn"), default=False)
    escalation_level = models.PositiveSmallIntegerField(_("cấp chuyển lên"), default=0)
    rating = models.PositiveSmallIntegerField(_("đánh giá"), null=True, blank=True)
    rating_comment = models.TextField(_("nhận xét"), blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("số lần mở lại"), default=0)

    class Meta:
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "category", "created_at"], name="report_status_cat_created"),
            models.Index(fields=["agency", "status", "created_at"], name="report_agency_status"),
            models.Index(fields=["commune", "created_at"], name="report_commune_created"),
            models.Index(fields=["latitude", "longitude"], name="report_lat_lon"),
            models.Index(fields=["updated_at"], name="report_updated"),
            models.Index(
                fields=["resolve_due_at"],
                name="report_open_resolve_due",
                condition=Q(status__in=["new", "accepted", "awaiting_info"]),
            ),
            # The public map's default layer: open, public, visible reports, covered for the cluster query.
            models.Index(
                fields=["latitude", "longitude", "code"],
                name="report_open_public_map",
                condition=Q(status__in=["new", "accepted", "awaiting_info"], is_public=True, is_hidden=False),
            ),
            models.Index(
                fields=["acknowledge_due_at"],
                name="report_new_ack_due",
                condition=Q(status="new"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="report_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in ReportStatus.open_values()


class ReportPhotoKind(models.TextChoices):
    CITIZEN = "citizen", _("Ảnh của người phản ánh")
    RESOLUTION = "resolution", _("Ảnh kết quả xử lý")


class ReportPhoto(models.Model):
    """A photo attached to a report (the file lives in uploads.StoredFile, stripped of EXIF/GPS)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    stored_file = models.ForeignKey("uploads.StoredFile", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=ReportPhotoKind.choices, default=ReportPhotoKind.CITIZEN)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ảnh phản ánh")
        verbose_name_plural = _("ảnh phản ánh")
        ordering = ["report", "kind", "position"]

    def __str__(self) -> str:
        return f"{self.report.code} #{self.position}"


class ReportEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Gửi phản ánh")
    ACCEPTED = "accepted", _("Tiếp nhận xử lý")
    ASSIGNED = "assigned", _("Giao cán bộ xử lý")
    INFO_REQUESTED = "info_requested", _("Đề nghị bổ sung thông tin")
    INFO_ADDED = "info_added", _("Bổ sung thông tin")
    TRANSFERRED = "transferred", _("Chuyển cơ quan khác")
    MERGED = "merged", _("Gộp phản ánh trùng")
    REPLIED = "replied", _("Trả lời")
    RESOLVED = "resolved", _("Đã giải quyết")
    REJECTED = "rejected", _("Từ chối")
    HIDDEN = "hidden", _("Ẩn nội dung")
    RATED = "rated", _("Đánh giá")
    REOPENED = "reopened", _("Mở lại")
    CLOSED = "closed", _("Đóng")
    ESCALATED = "escalated", _("Chuyển cấp trên do quá hạn")


class ReportEvent(models.Model):
    """One entry of a report's timeline. ``is_public`` entries show on the public page (no personal data)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ReportEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=16, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReportStatus.choices, blank=True)
    message = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("diễn biến phản ánh")
        verbose_name_plural = _("diễn biến phản ánh")
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class ReportFollower(models.Model):
    """A citizen who follows someone else's report instead of filing a duplicate."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người theo dõi")
        verbose_name_plural = _("người theo dõi")
        ordering = ["report", "created_at"]
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="unique_report_follower")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.report_id}"


class EscalationKind(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Quá hạn tiếp nhận")
    RESOLVE = "resolve", _("Quá hạn giải quyết")


class Escalation(models.Model):
    """One escalation of an overdue report to the next agency up; recorded once per (report, kind, level)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(max_length=16, choices=EscalationKind.choices)
    level = models.PositiveSmallIntegerField()
    from_agency = models.ForeignKey(
        "places.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_agency = models.ForeignKey(
        "places.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("chuyển cấp do quá hạn")
        verbose_name_plural = _("chuyển cấp do quá hạn")
        ordering = ["report", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind", "level"], name="unique_report_escalation")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} L{self.level}"


class SubmissionKey(models.Model):
    """An idempotency key already used: a retried submit with the same key returns the same report."""

    key = models.CharField(max_length=100)
    scope = models.CharField(max_length=100)  # "user:<id>", "open311:<client id>" or "anon:<session>"
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khoá chống gửi trùng")
        verbose_name_plural = _("khoá chống gửi trùng")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="unique_submission_key")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"
