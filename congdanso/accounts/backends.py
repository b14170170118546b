"""Sign in with a mobile number (citizens) or a username (officials)."""

from django.contrib.auth.backends import ModelBackend

from congdanso.accounts.models import User


class PhoneOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        identifier = username.strip()
        user = User.objects.filter(phone=identifier).first() or User.objects.filter(username=identifier).first()
        if user is None:
            User().set_password(password)  # same work as a real check, against timing attacks
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
