from django.contrib.auth.views import PasswordResetDoneView
from django.urls import path

from backstride.web.accounts import reset, runner_settings, views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.EmailLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.account, name="account"),
    path("password/", views.change_password, name="password"),
    path("password/forgot/", reset.ResetRequestView.as_view(), name="password_reset"),
    path(
        "password/forgot/sent/",
        PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path("password/reset/done/", reset.ResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        reset.NewPasswordView.as_view(),
        name="password_reset_confirm",
    ),
    path("settings/", runner_settings.settings_page, name="settings"),
    path("tokens/sign-out/", views.sign_out_api_tokens, name="sign_out_tokens"),
    path("delete/", views.delete_account, name="delete"),
    path("export/", views.export_json, name="export"),
    path("import/", views.import_json, name="import"),
]
