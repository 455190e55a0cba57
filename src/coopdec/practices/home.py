"""What good practices add to other pages: a commune's page shows practices from communes
like it."""

from __future__ import annotations

from . import services


def area_section(area, user) -> dict:
    """On a commune's page, for everyone: validated practices from other communes of its
    size, on its themes when it has some."""
    if not area.is_commune:
        return {}
    return {"similar_practices": list(services.like(area))}
