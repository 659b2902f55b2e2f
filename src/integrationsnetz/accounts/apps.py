from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "integrationsnetz.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from integrationsnetz.accounts import policies  # noqa: F401  (registers rules)
