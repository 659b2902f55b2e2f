"""The accommodation app's part of a person's data export: inspections they started, actions they own.

No eraser: both links are ``SET_NULL``, so deleting the account detaches the person and keeps the
inspection results, which belong to the site, not to the person. Statements are recorded without names.
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.accommodation.models import FollowUpAction, Inspection
from integrationsnetz.accounts import personal_data


def export_accommodation(user: Any) -> dict[str, Any]:
    inspections = Inspection.objects.filter(created_by=user).select_related("site").order_by("pk")
    actions = FollowUpAction.objects.filter(owner=user).select_related("inspection__site").order_by("pk")
    return {
        "inspections_started": [
            {
                "site": inspection.site.name,
                "date": inspection.date.isoformat(),
                "inspectors": inspection.inspectors,
            }
            for inspection in inspections
        ],
        "follow_up_actions_owned": [
            {
                "site": action.inspection.site.name,
                "description": action.description,
                "due_date": action.due_date.isoformat(),
                "status": action.status,
            }
            for action in actions
        ],
    }


personal_data.register("accommodation", exporter=export_accommodation)
