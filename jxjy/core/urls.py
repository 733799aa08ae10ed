from django.urls import path

from . import views
from .demo_clock_views import demo_clock_view
from .evidence import evidence_view

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("demo-clock/", demo_clock_view, name="demo_clock"),
    path("files/<slug:kind>/<int:pk>/", evidence_view, name="evidence"),
]
