"""Sign-in, registration, phone confirmation, password reset by SMS code, and the profile page."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from congdanso.accounts import selectors, services
from congdanso.accounts.forms import (
    LoginForm,
    OtpForm,
    PasswordResetConfirmForm,
    PasswordResetRequestForm,
    RegistrationForm,
    ResendForm,
    apply_service_error,
)
from congdanso.accounts.models import OtpPurpose
from congdanso.accounts.validation import mask_national_id, mask_phone, normalize_phone
from congdanso.core.errors import ApplicationError, ValidationFailed

PENDING_PHONE_SESSION_KEY = "accounts_pending_phone"
BACKEND = "congdanso.accounts.backends.PhoneOrUsernameBackend"


def _with_phone(url_name: str, phone: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'phone': phone})}"


def _phone_from(request) -> str:
    raw = request.GET.get("phone") or request.session.get(PENDING_PHONE_SESSION_KEY, "")
    try:
        return normalize_phone(raw)
    except ValidationFailed:
        return ""


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        phone = getattr(form, "unverified_phone", "")
        if phone:
            self.request.session[PENDING_PHONE_SESSION_KEY] = phone
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        user = form.save()
        if user is not None:
            request.session[PENDING_PHONE_SESSION_KEY] = user.phone
            messages.success(
                request, _("Đã gửi mã xác thực tới số %(phone)s.") % {"phone": mask_phone(user.phone)}
            )
            return redirect(_with_phone("accounts:verify_phone", user.phone))
        if form.has_error("phone", code="phone_unverified"):
            request.session[PENDING_PHONE_SESSION_KEY] = phone
            pending_url = _with_phone("accounts:verify_phone", phone)
            return render(request, "accounts/register.html", {"form": form, "pending_url": pending_url})
    return render(request, "accounts/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify_phone(request):
    phone = _phone_from(request)
    if request.method == "POST" and "resend" in request.POST:
        resend_form = ResendForm(request.POST)
        if resend_form.is_valid():
            phone = resend_form.cleaned_data["phone"]
            try:
                services.citizen_otp_resend(phone=phone, purpose=OtpPurpose.REGISTER)
            except ApplicationError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("Đã gửi lại mã xác thực."))
            return redirect(_with_phone("accounts:verify_phone", phone))
    if request.method == "POST":
        form = OtpForm(request.POST)
        if form.is_valid():
            try:
                user = services.citizen_verify_phone(
                    phone=form.cleaned_data["phone"], code=form.cleaned_data["code"]
                )
            except ApplicationError as error:
                apply_service_error(form, error, "code")
            else:
                request.session.pop(PENDING_PHONE_SESSION_KEY, None)
                login(request, user, backend=BACKEND)
                messages.success(request, _("Xác thực số điện thoại thành công. Chào mừng bạn!"))
                return redirect("accounts:profile")
        phone = form.data.get("phone", phone)
    else:
        form = OtpForm(initial={"phone": phone})
    return render(
        request,
        "accounts/verify_phone.html",
        {
            "form": form,
            "phone": phone,
            "masked_phone": mask_phone(phone),
            "ttl_minutes": settings.OTP_TTL_SECONDS // 60,
        },
    )


@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            services.citizen_password_reset_request(phone=phone)
        except ApplicationError as error:
            apply_service_error(form, error, "phone")
        else:
            messages.success(
                request, _("Nếu số điện thoại đã đăng ký, mã xác thực đã được gửi tới số đó qua tin nhắn.")
            )
            return redirect(_with_phone("accounts:password_reset_confirm", phone))
    return render(request, "accounts/password_reset.html", {"form": form})


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request):
    if request.method == "POST":
        form = PasswordResetConfirmForm(request.POST)
        if form.is_valid():
            try:
                services.citizen_password_reset_confirm(
                    phone=form.cleaned_data["phone"],
                    code=form.cleaned_data["code"],
                    new_password=form.cleaned_data["password1"],
                )
            except ApplicationError as error:
                apply_service_error(form, error, "password1" if error.code == "password_invalid" else "code")
            else:
                messages.success(request, _("Đã đặt lại mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới."))
                return redirect("accounts:login")
    else:
        form = PasswordResetConfirmForm(initial={"phone": _phone_from(request)})
    return render(request, "accounts/password_reset_confirm.html", {"form": form})


@login_required
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_user": user,
            "masked_national_id": mask_national_id(user.national_id),
            "roles": selectors.user_roles(user),
        },
    )
