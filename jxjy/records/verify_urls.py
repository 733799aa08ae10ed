from django.urls import path

from .verify_views import credential_view, revoked_view, verify_view

app_name = "verify"
urlpatterns = [
    path("revoked.json", revoked_view, name="revoked"),
    path("<str:code>/credential.json", credential_view, name="credential"),
    path("<str:code>", verify_view, name="check"),
]
