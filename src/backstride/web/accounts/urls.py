from django.urls import path

from backstride.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.EmailLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.account, name="account"),
    path("password/", views.change_password, name="password"),
    path("tokens/sign-out/", views.sign_out_api_tokens, name="sign_out_tokens"),
    path("delete/", views.delete_account, name="delete"),
    path("export/", views.export_json, name="export"),
    path("import/", views.import_json, name="import"),
]
