from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("", views.region_list_view, name="list"),
    path("<int:pk>/", views.region_detail_view, name="detail"),
    path("procedures/", views.procedure_overrides_view, name="procedure_overrides"),
]
