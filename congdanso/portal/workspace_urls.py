from django.urls import path

from congdanso.portal import views

app_name = "workspace"

urlpatterns = [
    path("", views.workspace, name="home"),
]
