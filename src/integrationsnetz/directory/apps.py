from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "integrationsnetz.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from integrationsnetz.directory import policies  # noqa: F401  (registers rules)
