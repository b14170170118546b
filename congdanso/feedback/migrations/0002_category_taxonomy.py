"""Reference data: the Vietnamese taxonomy of feedback categories (Open311 services). Administrators edit it
afterwards; codes are stable slugs (Open311 service_code). Constants are copied here, not imported."""

from django.db import migrations

# (code, name, name_en, group, acknowledge_hours, resolve_working_days, keywords, attributes)
LOAI_SU_CO = {
    "code": "loai_su_co",
    "datatype": "singlevaluelist",
    "required": False,
    "description": "Loại sự cố",
    "order": 1,
    "values": [
        {"key": "o-ga", "name": "Ổ gà, hư hỏng mặt đường"},
        {"key": "den-tin-hieu", "name": "Đèn tín hiệu giao thông"},
        {"key": "bien-bao", "name": "Biển báo"},
    ],
}
LOAI_RAC = {
    "code": "loai_rac",
    "datatype": "singlevaluelist",
    "required": False,
    "description": "Loại rác thải",
    "order": 1,
    "values": [
        {"key": "sinh-hoat", "name": "Rác thải sinh hoạt"},
        {"key": "xay-dung", "name": "Phế thải xây dựng"},
        {"key": "nguy-hai", "name": "Chất thải nguy hại"},
    ],
}
CATEGORIES = [
    ("giao-thong", "Giao thông", "Roads and traffic", "Hạ tầng", 8, 10, "đường, ổ gà, cầu, đèn tín hiệu", [LOAI_SU_CO]),
    ("moi-truong", "Môi trường, rác thải", "Environment and waste", "Môi trường", 8, 7, "rác, ô nhiễm, mùi, khói", [LOAI_RAC]),
    ("chieu-sang", "Điện chiếu sáng", "Street lighting", "Hạ tầng", 8, 5, "đèn đường, chiếu sáng", []),
    ("cap-thoat-nuoc", "Cấp thoát nước", "Water supply and drainage", "Hạ tầng", 8, 7, "nước sạch, cống, ngập", []),
    ("trat-tu-do-thi", "Trật tự đô thị, xây dựng", "Urban order and construction", "Đô thị", 8, 10, "lấn chiếm, xây dựng trái phép, vỉa hè", []),
    ("dat-dai", "Đất đai", "Land", "Đất đai", 16, 15, "tranh chấp, lấn đất, sổ đỏ", []),
    ("an-ninh-trat-tu", "An ninh trật tự", "Public security and order", "An ninh", 4, 5, "gây rối, trộm cắp, tiếng ồn", []),
    ("y-te", "Y tế", "Health", "Xã hội", 8, 10, "bệnh viện, trạm y tế, dịch bệnh, an toàn thực phẩm", []),
    ("giao-duc", "Giáo dục", "Education", "Xã hội", 8, 10, "trường học, học phí", []),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính, thái độ cán bộ", "Administrative procedures and staff conduct", "Hành chính", 8, 10, "hồ sơ, chậm trễ, thái độ, cán bộ", []),
    ("khac", "Khác", "Other", "Khác", 8, 10, "", []),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("feedback", "Category")
    for position, (code, name, name_en, group, ack, resolve, keywords, attributes) in enumerate(CATEGORIES, 1):
        Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "group": group,
                "acknowledge_hours": ack,
                "resolve_working_days": resolve,
                "keywords": keywords,
                "attributes": attributes,
                "position": position * 10,
                "is_active": True,
            },
        )


def remove_categories(apps, schema_editor):
    Category = apps.get_model("feedback", "Category")
    Report = apps.get_model("feedback", "Report")
    codes = [row[0] for row in CATEGORIES]
    used = set(Report.objects.filter(category__code__in=codes).values_list("category__code", flat=True))
    Category.objects.filter(code__in=[code for code in codes if code not in used]).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(add_categories, remove_categories)]
