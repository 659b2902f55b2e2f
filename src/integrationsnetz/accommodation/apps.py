from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccommodationConfig(AppConfig):
    name = "integrationsnetz.accommodation"
    label = "accommodation"
    verbose_name = _("Accommodation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from integrationsnetz.accommodation import (
            personal_data,  # noqa: F401  (registers the export)
            policies,  # noqa: F401  (registers rules)
        )
