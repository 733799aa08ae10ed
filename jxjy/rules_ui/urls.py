from django.urls import path

from . import views

app_name = "rules_ui"
urlpatterns = [path("check/", views.check_view, name="check")]
