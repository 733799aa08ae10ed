from django.urls import path

from . import views

app_name = "online"
urlpatterns = [
    path("", views.catalogue_view, name="catalogue"),
    path("mine/", views.my_learning_view, name="mine"),
    path("reports/", views.reports_view, name="reports"),
    path("courses/new/", views.course_create_view, name="course_create"),
    path("courses/<int:pk>/", views.course_detail_view, name="course_detail"),
    path("courses/<int:pk>/enrol/", views.course_enrol_view, name="course_enrol"),
    path("courses/<int:pk>/units/", views.unit_add_view, name="unit_add"),
    path("courses/<int:pk>/questions/", views.question_add_view, name="question_add"),
    path("courses/<int:pk>/bank/", views.question_list_view, name="questions"),
    path("questions/<int:pk>/edit/", views.question_edit_view, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete_view, name="question_delete"),
    path("courses/<int:pk>/blueprint/", views.blueprint_set_view, name="blueprint_set"),
    path("courses/<int:pk>/submit/", views.course_submit_view, name="course_submit"),
    path("courses/<int:pk>/review/", views.course_review_view, name="course_review"),
    path("courses/<int:pk>/exam/", views.exam_start_view, name="exam_start"),
    path("units/<int:pk>/", views.unit_learn_view, name="learn"),
    path("units/<int:pk>/media", views.unit_media_view, name="unit_media"),
    path("media/<str:token>", views.session_media_view, name="session_media"),
    path("attempts/<int:pk>/", views.attempt_view, name="attempt"),
    path("attempts/<int:pk>/submit/", views.attempt_submit_view, name="attempt_submit"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf_view, name="certificate_pdf"),
    path("verify/<str:code>", views.verify_view, name="verify"),
]
