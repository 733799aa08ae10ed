from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("units/", views.unit_list_view, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail_view, name="unit_detail"),
    path("authorities/", views.authority_list_view, name="authority_list"),
    path("authorities/<int:pk>/", views.authority_detail_view, name="authority_detail"),
    path("bureaus/", views.bureau_list_view, name="bureau_list"),
    path("bureaus/<int:pk>/", views.bureau_detail_view, name="bureau_detail"),
    path("providers/", views.provider_list_view, name="provider_list"),
    path("providers/<int:pk>/", views.provider_detail_view, name="provider_detail"),
]
