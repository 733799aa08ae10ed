from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_view, name="list"),
    path("<int:pk>/", views.notification_open_view, name="open"),
    path("<int:pk>/read/", views.notification_read_view, name="read"),
    path("read-all/", views.notifications_read_all_view, name="read_all"),
]
