from django.urls import path

from .verify_views import verify_view

app_name = "verify"
urlpatterns = [path("<str:code>", verify_view, name="check")]
