from django.urls import path

from . import bulk_views, signal_views, standing_views, views

app_name = "records"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("people/<int:pk>/", views.person_view, name="person"),
    path("people/<int:pk>/issue/", views.certificate_issue_view, name="certificate_issue"),
    path("people/<int:pk>/violation/", views.violation_view, name="violation"),
    path("people/<int:pk>/fraud/", views.fraud_view, name="fraud"),
    path("people/<int:pk>/make-up/", views.make_up_view, name="make_up"),
    path("people/<int:pk>/certificate.pdf", views.certificate_pdf_view, name="certificate_pdf"),
    path("records/<int:pk>/completion.pdf", views.completion_pdf_view, name="completion_pdf"),
    path("declare/", views.declare_view, name="declare"),
    path("reviews/", views.review_queue_view, name="review_queue"),
    path("reviews/<int:pk>/", views.review_view, name="review"),
    path("reviews/bulk/", bulk_views.record_review_bulk_view, name="review_bulk"),
    path("signals/", signal_views.signals_view, name="signals"),
    path("verification/", views.batch_list_view, name="batch_list"),
    path("verification/<int:pk>/", views.batch_detail_view, name="batch_detail"),
    path("verification/<int:pk>/bulk/", bulk_views.verification_bulk_view, name="batch_bulk"),
    path("certificates/bulk/", bulk_views.certificate_bulk_view, name="certificate_bulk"),
    path("verification/<int:pk>/submit/", views.batch_submit_view, name="batch_submit"),
    path("verification/<int:pk>/book/", views.batch_book_view, name="batch_book"),
    path("verification/<int:pk>/roster.xlsx", views.batch_roster_view, name="batch_roster"),
    path("verification/entries/<int:pk>/decide/", views.entry_decide_view, name="entry_decide"),
    path("verification/entries/<int:pk>/precheck/", views.entry_precheck_view, name="entry_precheck"),
    path("verification/special/", views.special_verification_view, name="special_verification"),
    path("verification/slots/", views.slot_list_view, name="slot_list"),
    path("verification/exemptions/", views.exemption_view, name="exemption"),
    path("gates/", views.gates_view, name="gates"),
    path("standings/rebuilds/", standing_views.rebuild_list_view, name="standing_rebuilds"),
]
