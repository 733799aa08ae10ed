from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password_reset/done/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("activate/", views.activate_by_code, name="activate"),
    path("activate/<uidb64>/<token>/", views.activate_by_link, name="activate_link"),
    path("activation/", views.activation_list, name="activation_list"),
    path("activation/issue/", views.activation_issue, name="activation_issue"),
    path("activation/<int:pk>/mail/", views.activation_mail, name="activation_mail"),
]
