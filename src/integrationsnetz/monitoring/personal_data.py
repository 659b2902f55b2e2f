"""The personal data monitoring holds about a user: the files they uploaded and the values they changed.

Registered with accounts' registry (GDPR export and account deletion) from ``MonitoringConfig.ready``.
The figures themselves are not personal; deleting an account removes its uploads (files may name
people) and leaves the revisions without their author.
"""

from __future__ import annotations

from typing import Any

from integrationsnetz.monitoring.models import ObservationRevision, ObservationUpload


def export(user: Any) -> dict[str, Any]:
    uploads = ObservationUpload.objects.filter(owner=user).order_by("created_at", "pk")
    revisions = ObservationRevision.objects.filter(changed_by=user).select_related(
        "observation__indicator", "observation__region"
    )
    return {
        "uploads": [
            {
                "file_name": upload.file_name,
                "shape": upload.shape,
                "status": upload.status,
                "created_at": upload.created_at.isoformat(),
                "applied_at": upload.applied_at.isoformat() if upload.applied_at else None,
            }
            for upload in uploads
        ],
        "changed_values": [
            {
                "indicator": revision.observation.indicator.slug,
                "region": revision.observation.region.key,
                "period_start": revision.observation.period_start.isoformat(),
                "previous_value": str(revision.previous_value),
                "changed_at": revision.changed_at.isoformat(),
            }
            for revision in revisions
        ],
    }


def erase(user: Any) -> None:
    ObservationUpload.objects.filter(owner=user).delete()
    ObservationRevision.objects.filter(changed_by=user).update(changed_by=None)
