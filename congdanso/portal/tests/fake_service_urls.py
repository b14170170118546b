"""A URLconf for tests: the real one plus a fake "feedback" app, as if it had just been mounted."""

from django.http import HttpResponse
from django.urls import include, path

from congdanso.urls import urlpatterns as real_urlpatterns

fake_feedback_patterns = ([path("", lambda request: HttpResponse("ok"), name="home")], "feedback")

urlpatterns = [path("phan-anh/", include(fake_feedback_patterns)), *real_urlpatterns]
