from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplanConfig(AppConfig):
    name = "integrationsnetz.actionplan"
    label = "actionplan"
    verbose_name = _("Action plans")
    default_auto_field = "django.db.models.BigAutoField"
