from django.urls import path

from .views import assessments, dashboard, excellent, reports, sampling

app_name = "stats"
urlpatterns = [
    path("", dashboard.dashboard_view, name="dashboard"),
    path("reports/", reports.report_list_view, name="report_list"),
    path("reports/request/", reports.report_request_view, name="report_request"),
    path("reports/<int:pk>/", reports.report_detail_view, name="report_detail"),
    path("reports/<int:pk>/progress/", reports.report_progress_view, name="report_progress"),
    path("reports/<int:pk>/report.xlsx", reports.report_xlsx_view, name="report_xlsx"),
    path("reports/<int:pk>/report.pdf", reports.report_pdf_view, name="report_pdf"),
    path("sampling/", sampling.sample_list_view, name="sample_list"),
    path("sampling/<int:pk>/", sampling.sample_detail_view, name="sample_detail"),
    path("sampling/<int:pk>/checklist.xlsx", sampling.sample_checklist_xlsx_view, name="sample_checklist"),
    path("sampling/items/<int:pk>/record/", sampling.sample_item_record_view, name="sample_item_record"),
    path("assessments/", assessments.assessment_list_view, name="assessment_list"),
    path("assessments/new/<str:kind>/", assessments.assessment_create_view, name="assessment_create"),
    path("assessments/<int:pk>/", assessments.assessment_detail_view, name="assessment_detail"),
    path("assessments/<int:pk>/publish/", assessments.assessment_publish_view, name="assessment_publish"),
    path("assessments/<int:pk>/commend/", assessments.commendation_create_view, name="commendation_create"),
    path("notices/", assessments.notice_list_view, name="notice_list"),
    path("excellent/", excellent.excellent_view, name="excellent"),
]
