from django.urls import path

from . import views
from .views.revocation import base_revocation_view

app_name = "providers"
urlpatterns = [
    # public (no login): 河南 2012 六(二)
    path("public/", views.public_list_view, name="public_list"),
    path("public/<int:pk>/", views.public_provider_view, name="public_provider"),
    # accreditation and inspection
    path("applications/", views.application_list_view, name="application_list"),
    path("applications/new/", views.application_create_view, name="application_create"),
    path("applications/<int:pk>/", views.application_detail_view, name="application_detail"),
    path("bases/", views.base_list_view, name="base_list"),
    path("bases/<int:pk>/", views.base_detail_view, name="base_detail"),
    path("bases/<int:pk>/inspect/", views.inspection_create_view, name="inspection_create"),
    path("bases/<int:pk>/revoke/", views.base_revoke_view, name="base_revoke"),
    path("bases/<int:pk>/revocation/", base_revocation_view, name="base_revocation"),
    path("rectifications/<int:pk>/report/", views.rectification_report_view, name="rectification_report"),
    path("rectifications/<int:pk>/decide/", views.rectification_decide_view, name="rectification_decide"),
    path("reminders/", views.reminder_list_view, name="reminders"),
    # fees, scope self-check, credit records
    path("fees/", views.fee_list_view, name="fee_list"),
    path("scope-check/", views.scope_check_view, name="scope_check"),
    path("credit/<int:pk>/", views.credit_record_view, name="credit_record"),
    # teacher pool and trainee evaluations
    path("teachers/", views.teacher_list_view, name="teacher_list"),
    path("teachers/new/", views.teacher_create_view, name="teacher_create"),
    path("teachers/<int:pk>/", views.teacher_detail_view, name="teacher_detail"),
    path("evaluate/<int:class_pk>/", views.evaluation_view, name="evaluate"),
]
