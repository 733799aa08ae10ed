from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.professional_list_view, name="list"),
    path("export.xlsx", views.professional_export_view, name="export"),
    path("<int:pk>/", views.professional_detail_view, name="detail"),
    path("<int:pk>/identity/", views.professional_reveal_view, name="reveal_identity"),
    path("import/", views.import_start_view, name="import_start"),
    path("import/template.xlsx", views.import_template_view, name="import_template"),
    path("import/<int:pk>/", views.import_detail_view, name="import_detail"),
    path("import/<int:pk>/errors.xlsx", views.import_errors_view, name="import_errors"),
    path("import/<int:pk>/retry/", views.import_retry_view, name="import_retry"),
    path("import/<int:pk>/cancel/", views.import_cancel_view, name="import_cancel"),
    path("transfers/", views.transfer_list_view, name="transfers"),
    path("transfers/<int:pk>/", views.transfer_detail_view, name="transfer_detail"),
    path("transfers/<int:pk>/<str:action>/", views.transfer_act_view, name="transfer_act"),
]
