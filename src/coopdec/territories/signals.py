"""What the territories tell the apps above them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``areas``, the areas whose parent changed (an edit, a reference data update): what
# lies in them now lies elsewhere (``Partnership.region`` follows).
areas_moved = Signal()
