from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "integrationsnetz.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from integrationsnetz.accounts import personal_data as registry
        from integrationsnetz.monitoring import personal_data, policies  # noqa: F401  (registers rules)

        registry.register("monitoring", exporter=personal_data.export, eraser=personal_data.erase)
