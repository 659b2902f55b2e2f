from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "integrationsnetz.news"
    label = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from integrationsnetz.accounts import personal_data
        from integrationsnetz.news import bounces, policies, services  # noqa: F401  (rules, receivers)

        personal_data.register(
            "newsletter_subscriptions",
            exporter=services.personal_data_export,
            eraser=services.personal_data_erase,
        )
