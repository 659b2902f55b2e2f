from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "integrationsnetz.guide"
    label = "guide"
    verbose_name = _("Guide")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from integrationsnetz.guide import (
            personal_data,  # noqa: F401  (registers export and erasure)
            policies,  # noqa: F401  (registers rules)
        )
