from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "integrationsnetz.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from integrationsnetz.accounts import personal_data
        from integrationsnetz.volunteering import policies  # noqa: F401  (registers rules)
        from integrationsnetz.volunteering.personal import erase, export

        personal_data.register("volunteering", exporter=export, eraser=erase)
