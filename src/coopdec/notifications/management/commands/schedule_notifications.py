"""The periodic command: run it every few minutes (cron), or leave it running with
``--every``. It runs the jobs the apps registered (``notifications.schedule``: opportunities
whose announcement never ran, deadline reminders, agreements ending…), queues the weekly
digests that are due, and wakes the senders for e-mails that are due (a retry's time has
come, or a dead worker's lease ran out). Each step is done once, whoever runs it and
however often."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from coopdec.notifications import fanout, outbox, schedule


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
            told = {name: job(now) for name, job in schedule.jobs().items()}
            digests = fanout.digest(now)
            due = outbox.due(now).count()
            if due:
                outbox.wake(due)
            if options["verbosity"] > 0:
                done = ", ".join(f"{name} {count}" for name, count in told.items())
                self.stdout.write(f"{done}, {digests} digests, {due} e-mails due")
            if not every:
                return
            time.sleep(every)
