from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.class_list_view, name="class_list"),
    path("classes/<int:pk>/", views.class_detail_view, name="class_detail"),
    path("plans/<int:pk>/", views.plan_detail_view, name="plan_detail"),
]
