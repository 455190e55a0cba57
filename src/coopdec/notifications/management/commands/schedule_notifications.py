"""The periodic command: run it every few minutes (cron), or leave it running with
``--every``. It announces opportunities whose announcement never ran, queues the deadline
reminders and weekly digests that are due, and wakes the senders for e-mails that are
due (a retry's time has come, or a dead worker's lease ran out). Each step is done once,
whoever runs it and however often."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from coopdec.notifications import fanout, outbox


class Command(BaseCommand):
    help = "Queue due reminders and weekly digests, and wake the e-mail senders."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, once every SECONDS (default: run once and stop).",
        )

    def handle(self, *args, every: int = 0, **options) -> None:
        while True:
            now = timezone.now()
            announced = fanout.announce_missed(now)
            reminded = fanout.remind(now)
            digests = fanout.digest(now)
            due = outbox.due(now).count()
            if due:
                outbox.wake(due)
            if options["verbosity"] > 0:
                self.stdout.write(
                    f"announced to {announced}, reminded {reminded}, "
                    f"{digests} digests, {due} e-mails due"
                )
            if not every:
                return
            time.sleep(every)
