from django.urls import path

from .views import dashboard, reports

app_name = "stats"
urlpatterns = [
    path("", dashboard.dashboard_view, name="dashboard"),
    path("reports/", reports.report_list_view, name="report_list"),
    path("reports/request/", reports.report_request_view, name="report_request"),
    path("reports/<int:pk>/", reports.report_detail_view, name="report_detail"),
    path("reports/<int:pk>/progress/", reports.report_progress_view, name="report_progress"),
    path("reports/<int:pk>/report.xlsx", reports.report_xlsx_view, name="report_xlsx"),
    path("reports/<int:pk>/report.pdf", reports.report_pdf_view, name="report_pdf"),
]
