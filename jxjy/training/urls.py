from django.urls import path

from . import views
from .views.bulk import recognition_bulk_view, review_bulk_view

app_name = "training"
urlpatterns = [
    path("", views.class_list_view, name="class_list"),
    path("classes/new/", views.class_create_view, name="class_create"),
    path("classes/<int:pk>/", views.class_detail_view, name="class_detail"),
    path("classes/<int:pk>/edit/", views.class_edit_view, name="class_edit"),
    path("classes/<int:pk>/do/<slug:action>/", views.class_action_view, name="class_action"),
    path("classes/<int:pk>/resumes/", views.resume_upload_view, name="resume_upload"),
    path("classes/<int:pk>/nominate/", views.nominate_view, name="nominate"),
    path("classes/<int:pk>/roster/import/", views.roster_import_view, name="roster_import"),
    path("classes/<int:pk>/roster.xlsx", views.roster_export_view, name="roster_export"),
    path("classes/<int:pk>/scores/", views.scores_view, name="scores"),
    path("classes/<int:pk>/evidence/", views.evidence_upload_view, name="evidence_upload"),
    path("classes/<int:pk>/extension/", views.extension_view, name="extension"),
    path("classes/<int:pk>/inspections/", views.inspection_view, name="inspection"),
    path("classes/<int:pk>/summary/", views.summary_view, name="summary"),
    path("classes/<int:pk>/objections/<int:objection_pk>/resolve/", views.objection_resolve_view,
         name="objection_resolve"),
    path("classes/<int:pk>/sessions/<int:item_pk>/qr/<slug:kind>/", views.session_qr_view, name="session_qr"),
    path("classes/<int:pk>/sessions/<int:item_pk>/qr/<slug:kind>/code/", views.session_qr_fragment,
         name="session_qr_fragment"),
    path("classes/<int:pk>/sessions/<int:item_pk>/sheet/", views.sheet_upload_view, name="sheet_upload"),
    path("sign/<int:item_pk>/", views.sign_view, name="sign"),
    path("plans/", views.plan_list_view, name="plan_list"),
    path("plans/new/", views.plan_create_view, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail_view, name="plan_detail"),
    path("plans/<int:pk>/do/<slug:action>/", views.plan_action_view, name="plan_action"),
    path("plans/published/", views.published_plans_view, name="plans_published"),
    path("notices/", views.notice_list_view, name="notice_list"),
    path("notices/<int:pk>/", views.notice_detail_view, name="notice_detail"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("reviews/", review_bulk_view, name="review_bulk"),
    path("recognition/", recognition_bulk_view, name="recognition_bulk"),
]
