"""Demo data of the feedback app: a few routing rules and about 30 reports across Lạng Sơn communes.

Idempotent: rules are keyed by (category, commune); reports carry idempotency keys ``demo-NN`` in the scope
``seed``, so running it again creates nothing new. Reports move through the workflow services when the
workflow app has them (accepted, awaiting information, resolved, rejected); otherwise they stay submitted.
"""

import random

from django.db import transaction

from congdanso.accounts.models import Role, User, UserKind
from congdanso.feedback.models import Category, Report, RoutingRule, SubmissionKey
from congdanso.feedback.services.submission import feedback_submit
from congdanso.places.models import AdministrativeUnit, Agency, AgencyKind, CommuneBoundary, UnitLevel

DEMO_SCOPE = "seed"
DEMO_REPORTS = [
    ("giao-thong", "Ổ gà lớn trên đường", "Mặt đường có ổ gà sâu, xe máy đi qua rất nguy hiểm."),
    ("moi-truong", "Rác thải tồn đọng nhiều ngày", "Điểm tập kết rác không được thu gom, bốc mùi hôi."),
    ("chieu-sang", "Đèn đường không sáng", "Cả dãy đèn đường tắt từ tuần trước, buổi tối rất tối."),
    ("cap-thoat-nuoc", "Cống thoát nước bị tắc", "Mưa lớn là nước tràn lên mặt đường vì cống tắc."),
    (
        "trat-tu-do-thi",
        "Lấn chiếm vỉa hè",
        "Hàng quán bày bán lấn hết vỉa hè, người đi bộ phải xuống lòng đường.",
    ),
    ("an-ninh-trat-tu", "Tụ tập gây ồn ào ban đêm", "Nhóm thanh niên tụ tập nẹt pô sau 23 giờ."),
    ("y-te", "Trạm y tế thiếu thuốc thông thường", "Trạm y tế xã hết thuốc hạ sốt cho trẻ em."),
    ("giao-duc", "Mái lớp học bị dột", "Phòng học lớp 3 bị dột khi trời mưa."),
    ("thu-tuc-hanh-chinh", "Hồ sơ chậm trả kết quả", "Hồ sơ đăng ký đã quá hẹn một tuần chưa có kết quả."),
    ("dat-dai", "Đổ đất lấn mương thuỷ lợi", "Có người đổ đất lấn mương làm tắc dòng chảy."),
]
# (category, kind of agency in the commune) routing rules for the seeded communes that have it.
DEMO_RULES = [("an-ninh-trat-tu", AgencyKind.POLICE)]
# Final states in turn: None = leave as submitted.
DEMO_STATES = [None, "accept", "request_info", "resolve", "reject", None]


def _workflow():
    try:
        from congdanso.feedback.services import workflow
    except ImportError:
        return None
    needed = ("feedback_accept", "feedback_request_info", "feedback_resolve", "feedback_reject")
    return workflow if all(hasattr(workflow, name) for name in needed) else None


def _seed_rules() -> int:
    created = 0
    for category_code, kind in DEMO_RULES:
        category = Category.objects.filter(code=category_code).first()
        if category is None:
            continue
        for agency in Agency.objects.filter(kind=kind, unit__level=UnitLevel.COMMUNE, is_active=True):
            _rule, made = RoutingRule.objects.get_or_create(
                category=category, commune=agency.unit, defaults={"agency": agency}
            )
            created += int(made)
    return created


def _official_for(agency):
    if agency is None:
        return User.objects.filter(is_superuser=True, is_active=True).order_by("date_joined").first()
    return (
        User.objects.filter(
            kind=UserKind.OFFICIAL,
            is_active=True,
            roles__agency=agency,
            roles__role__in=[Role.HANDLER, Role.RECEIVER],
        )
        .order_by("username")
        .first()
    )


def _advance(workflow, report: Report, state: str) -> bool:
    actor = _official_for(report.agency) if report.agency_id else None
    if actor is None:
        return False
    if state == "accept":
        workflow.feedback_accept(actor=actor, report=report)
    elif state == "request_info":
        workflow.feedback_request_info(actor=actor, report=report, message="Đề nghị gửi thêm ảnh chụp gần.")
    elif state == "resolve":
        workflow.feedback_resolve(actor=actor, report=report, answer="Đã khắc phục xong, cảm ơn người dân.")
    elif state == "reject":
        workflow.feedback_reject(
            actor=actor, report=report, reason="Nội dung không thuộc thẩm quyền giải quyết."
        )
    return True


def seed_feedback_demo(*, count: int = 30, seed: int = 20) -> dict:
    """Create the demo routing rules and ``count`` reports (deterministic for a given ``seed``)."""
    rng = random.Random(seed)
    with transaction.atomic():
        rules = _seed_rules()
    citizens = list(User.objects.filter(kind=UserKind.CITIZEN, is_active=True).order_by("username")[:10])
    communes = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent__code=20).order_by("code")
    )
    boundaries = {row.unit_id: row for row in CommuneBoundary.objects.filter(unit__in=communes)}
    workflow = _workflow()
    # Communes whose People's Committee has a demo receiver or handler: reports there can move on.
    staffed = [
        unit
        for unit in communes
        if User.objects.filter(
            kind=UserKind.OFFICIAL,
            is_active=True,
            roles__agency__unit=unit,
            roles__agency__kind=AgencyKind.COMMUNE_COMMITTEE,
            roles__role__in=[Role.HANDLER, Role.RECEIVER],
        ).exists()
    ]
    created = advanced = 0
    for number in range(count):
        key = f"demo-{number:02d}"
        if SubmissionKey.objects.filter(scope=DEMO_SCOPE, key=key).exists() or not communes or not citizens:
            continue
        category_code, title, description = DEMO_REPORTS[number % len(DEMO_REPORTS)]
        state = DEMO_STATES[number % len(DEMO_STATES)]
        pool = staffed if state is not None and staffed and workflow is not None else communes
        commune = pool[rng.randrange(len(pool))]
        location = {"commune_code": commune.code, "address": f"Thôn {rng.randint(1, 12)}, {commune.name}"}
        boundary = boundaries.get(commune.pk)
        if boundary is not None:  # a pin near the middle of the commune's box (routing re-checks it)
            location["latitude"] = round((boundary.min_latitude + boundary.max_latitude) / 2, 6)
            location["longitude"] = round((boundary.min_longitude + boundary.max_longitude) / 2, 6)
        try:
            report = feedback_submit(
                reporter=citizens[number % len(citizens)],
                category_code=category_code,
                title=title,
                description=description,
                is_anonymous=number % 7 == 3,
                is_public=number % 9 != 4,
                idempotency_key=key,
                idempotency_scope=DEMO_SCOPE,
                **location,
            )
        except Exception:  # a pin outside its own box-centred commune: fall back to the commune alone
            location.pop("latitude", None)
            location.pop("longitude", None)
            report = feedback_submit(
                reporter=citizens[number % len(citizens)],
                category_code=category_code,
                title=title,
                description=description,
                idempotency_key=key,
                idempotency_scope=DEMO_SCOPE,
                **location,
            )
        created += 1
        if workflow is not None and state is not None:
            try:
                advanced += int(_advance(workflow, report, state))
            except Exception:  # demo only: a state the workflow refuses is left as submitted
                continue
    return {"rules": rules, "reports": created, "advanced": advanced}
