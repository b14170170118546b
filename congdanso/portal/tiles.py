"""The portal's own tiles, plus the planned services registered in advance.

Planned services stay hidden until their app mounts the URL name; the app may also register its own
tile with the same key to replace the one below (new title, icon, audience or ``enabled_setting``).
These defaults never replace a tile an app registered first.
"""

from django.utils.translation import gettext_lazy as _

from congdanso.portal.services_registry import ANONYMOUS, EVERYONE, SIGNED_IN, ServiceTile, register

BUILTIN_TILES = (
    ServiceTile(
        key="feedback",
        title=_("Phản ánh kiến nghị"),
        description=_("Gửi phản ánh về hạ tầng, môi trường, trật tự đô thị và theo dõi kết quả xử lý."),
        url_name="feedback:home",
        icon="feedback",
        audience=EVERYONE,
        order=10,
    ),
    ServiceTile(
        key="procedures",
        title=_("Dịch vụ công"),
        description=_("Nộp hồ sơ thủ tục hành chính trực tuyến."),
        url_name="procedures:home",
        icon="procedure",
        audience=EVERYONE,
        order=20,
    ),
    ServiceTile(
        key="dossier_lookup",
        title=_("Tra cứu hồ sơ"),
        description=_("Xem tình trạng giải quyết hồ sơ bằng mã hồ sơ."),
        url_name="procedures:lookup",
        icon="search",
        audience=EVERYONE,
        order=25,
    ),
    ServiceTile(
        key="assistant",
        title=_("Trợ lý ảo"),
        description=_("Hỏi đáp về thủ tục, giấy tờ và dịch vụ của tỉnh."),
        url_name="assistant:home",
        icon="assistant",
        audience=EVERYONE,
        order=30,
    ),
    ServiceTile(
        key="bordergate",
        title=_("Cửa khẩu số"),
        description=_("Khai báo phương tiện, hàng hoá và theo dõi lượt qua cửa khẩu."),
        url_name="bordergate:home",
        icon="border",
        audience=EVERYONE,
        order=40,
    ),
    ServiceTile(
        key="notifications",
        title=_("Thông báo"),
        description=_("Các thông báo gửi đến bạn trên ứng dụng."),
        url_name="portal:notifications",
        icon="bell",
        audience=SIGNED_IN,
        order=50,
    ),
    ServiceTile(
        key="holidays",
        title=_("Lịch làm việc"),
        description=_("Ngày nghỉ lễ, tết trong năm của cơ quan nhà nước."),
        url_name="portal:holidays",
        icon="calendar",
        audience=EVERYONE,
        order=60,
    ),
    ServiceTile(
        key="profile",
        title=_("Tài khoản của tôi"),
        description=_("Thông tin cá nhân, số điện thoại và mật khẩu."),
        url_name="accounts:profile",
        icon="account",
        audience=SIGNED_IN,
        order=70,
    ),
    ServiceTile(
        key="register",
        title=_("Đăng ký"),
        description=_("Tạo tài khoản bằng số điện thoại di động."),
        url_name="accounts:register",
        icon="register",
        audience=ANONYMOUS,
        order=80,
    ),
    ServiceTile(
        key="login",
        title=_("Đăng nhập"),
        description=_("Đăng nhập để gửi và theo dõi hồ sơ, phản ánh của bạn."),
        url_name="accounts:login",
        icon="login",
        audience=ANONYMOUS,
        order=81,
    ),
)


def register_builtin_tiles() -> None:
    for tile in BUILTIN_TILES:
        register(tile, replace=False)
