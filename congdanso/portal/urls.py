from django.urls import path

from congdanso.portal import pages, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thong-bao/", pages.notifications, name="notifications"),
    path("thong-bao/<uuid:notification_id>/da-doc/", pages.notification_read, name="notification_read"),
    path("lich-lam-viec/", pages.holidays, name="holidays"),
]
