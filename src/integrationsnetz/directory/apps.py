from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "integrationsnetz.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from integrationsnetz.directory import (
            personal_data,  # noqa: F401  (registers export and erasure)
            policies,  # noqa: F401  (registers rules)
            search,  # noqa: F401  (full-text index signal handlers)
        )
