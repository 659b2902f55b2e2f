from django.contrib.auth import views as auth_views
from django.urls import path

from integrationsnetz.accounts import views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.profile, name="profile"),
    path("zweiter-faktor/", views.second_factor, name="second_factor"),
    path("zweiter-faktor/ersatzcodes/", views.backup_codes, name="backup_codes"),
    path("zweiter-faktor/ersatzcodes/neu/", views.backup_codes_renew, name="backup_codes_renew"),
    path("zweiter-faktor/ausschalten/", views.second_factor_disable, name="second_factor_disable"),
    path("passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path("passwort-vergessen/gesendet/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("passwort-neu/fertig/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("meine-daten/", views.personal_data_export, name="personal_data_export"),
    path("loeschen/", views.account_delete, name="account_delete"),
    path("protokoll/", views.audit_log, name="audit_log"),
]
