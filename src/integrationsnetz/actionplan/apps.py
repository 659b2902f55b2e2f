from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplanConfig(AppConfig):
    name = "integrationsnetz.actionplan"
    label = "actionplan"
    verbose_name = _("Action plans")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from integrationsnetz.accounts import personal_data
        from integrationsnetz.actionplan import policies  # noqa: F401  (registers rules)
        from integrationsnetz.actionplan.personal_data import erase_personal_data, export_personal_data

        personal_data.register("actionplan", exporter=export_personal_data, eraser=erase_personal_data)
