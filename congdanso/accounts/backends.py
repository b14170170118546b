"""Sign in with a mobile number in any usual format (citizens) or a username (officials)."""

from django.contrib.auth.backends import ModelBackend

from congdanso.accounts.models import User
from congdanso.accounts.validation import looks_like_phone, normalize_phone


class PhoneOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        identifier = username.strip()
        user = None
        if looks_like_phone(identifier):
            user = User.objects.filter(phone=normalize_phone(identifier)).first()
        if user is None:
            user = User.objects.filter(username=identifier).first()
        if user is None:
            User().set_password(password)  # same work as a real check, against timing attacks
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
