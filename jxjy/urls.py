from django.contrib import admin
from django.urls import include, path

from jxjy.api import api
from jxjy.records.verify_views import keys_view

urlpatterns = [
    path("", include("jxjy.core.urls")),
    path("accounts/", include("jxjy.accounts.urls")),
    path("regions/", include("jxjy.regions.urls")),
    path("orgs/", include("jxjy.orgs.urls")),
    path("people/", include("jxjy.people.urls")),
    path("audit/", include("jxjy.audit.urls")),
    path("tokens/", include("jxjy.tokens.urls")),
    path("rules/", include("jxjy.rules_ui.urls")),
    path("records/", include("jxjy.records.urls")),
    path("verify/", include("jxjy.records.verify_urls")),
    path(".well-known/jxjy-keys.json", keys_view, name="signing_keys"),
    path("training/", include("jxjy.training.urls")),
    path("online/", include("jxjy.online.urls")),
    path("providers/", include("jxjy.providers.urls")),
    path("stats/", include("jxjy.stats.urls")),
    path("notifications/", include("jxjy.notifications.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Chinese error pages (jxjy/core/errors.py); in development the same pages replace Django's DEBUG pages.
handler400 = "jxjy.core.errors.bad_request"
handler403 = "jxjy.core.errors.permission_denied"
handler404 = "jxjy.core.errors.page_not_found"
handler500 = "jxjy.core.errors.server_error"
