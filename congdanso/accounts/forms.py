"""Plain HTML forms (they work without JavaScript). Business rules live in the services they call."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from congdanso.accounts import services
from congdanso.accounts.models import User, UserKind
from congdanso.accounts.services.login_guard import lockout_error
from congdanso.accounts.validation import normalize_national_id, normalize_phone
from congdanso.core.errors import ApplicationError, ValidationFailed


def apply_service_error(form: forms.Form, error: ApplicationError, default_field: str | None = None) -> None:
    """Put a service error next to the field it concerns (from ``details.field``) or on the form."""
    field = default_field
    if isinstance(error.details, dict) and error.details.get("field") in form.fields:
        field = error.details["field"]
    form.add_error(field, forms.ValidationError(str(error.message), code=error.code))


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Số điện thoại di động"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        if not self.widget.is_hidden:
            self.widget.input_type = "tel"
            self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value):
        value = super().clean(value)
        try:
            return normalize_phone(value)
        except ValidationFailed as error:
            raise forms.ValidationError(str(error.message), code=error.code) from error


class PasswordPairMixin:
    """Forms with ``password1``/``password2``: the two must match."""

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("password1")
            and cleaned.get("password2")
            and cleaned["password1"] != cleaned["password2"]
        ):
            self.add_error(
                "password2", forms.ValidationError(_("Hai mật khẩu không khớp."), code="password_mismatch")
            )
        return cleaned


class RegistrationForm(PasswordPairMixin, forms.Form):
    phone = PhoneField(help_text=_("Ví dụ: 0912 345 678. Chúng tôi sẽ gửi mã xác thực qua tin nhắn."))
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    full_name = forms.CharField(
        label=_("Họ và tên (không bắt buộc)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    national_id = forms.CharField(
        label=_("Số căn cước (không bắt buộc)"),
        max_length=20,
        required=False,
        help_text=_("12 chữ số in trên thẻ căn cước."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_national_id(self):
        value = self.cleaned_data.get("national_id", "").strip()
        if not value:
            return None
        try:
            return normalize_national_id(value)
        except ValidationFailed as error:
            raise forms.ValidationError(str(error.message), code=error.code) from error

    def save(self) -> User | None:
        try:
            return services.citizen_register(
                phone=self.cleaned_data["phone"],
                password=self.cleaned_data["password1"],
                full_name=self.cleaned_data.get("full_name", ""),
                national_id=self.cleaned_data.get("national_id"),
            )
        except ApplicationError as error:
            apply_service_error(self, error, "password1" if error.code == "password_invalid" else None)
            return None


class OtpForm(forms.Form):
    phone = PhoneField(widget=forms.HiddenInput)
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )


class ResendForm(forms.Form):
    phone = PhoneField(widget=forms.HiddenInput)


class LoginForm(AuthenticationForm):
    """Sign in by phone or username, refused while the identifier or the IP is locked."""

    username = forms.CharField(
        label=_("Số điện thoại hoặc tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Số điện thoại/tên đăng nhập hoặc mật khẩu không đúng."),
        "unverified": _("Số điện thoại chưa được xác thực. Vui lòng nhập mã xác thực đã gửi tới số này."),
    }

    def _client_ip(self) -> str:
        return self.request.META.get("REMOTE_ADDR", "") if self.request else ""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not (username and password):
            return self.cleaned_data
        try:
            services.login_check_allowed(identifier=username, ip=self._client_ip())
        except ApplicationError as error:
            raise forms.ValidationError(str(error.message), code=error.code) from error
        self.user_cache = authenticate(self.request, username=username, password=password)
        if self.user_cache is None:
            self.unverified_phone = self._unverified_phone(username, password)
            if self.unverified_phone:
                raise forms.ValidationError(self.error_messages["unverified"], code="unverified")
            locked = services.login_failure_record(identifier=username, ip=self._client_ip())
            if locked:
                error = lockout_error()
                raise forms.ValidationError(str(error.message), code=error.code)
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        services.login_failures_reset(identifier=username)
        return self.cleaned_data

    @staticmethod
    def _unverified_phone(username: str, password: str) -> str:
        try:
            phone = normalize_phone(username)
        except ValidationFailed:
            return ""
        user = User.objects.filter(phone=phone, kind=UserKind.CITIZEN, phone_verified_at__isnull=True).first()
        if user is not None and user.check_password(password):
            return phone
        return ""


class PasswordResetRequestForm(forms.Form):
    phone = PhoneField()


class PasswordResetConfirmForm(PasswordPairMixin, forms.Form):
    phone = PhoneField(widget=forms.HiddenInput)
    code = OtpForm.base_fields["code"]
    password1 = RegistrationForm.base_fields["password1"]
    password2 = RegistrationForm.base_fields["password2"]
