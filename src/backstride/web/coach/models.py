"""What the runner told us and did: facts only. The plan is derived from these on each request."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models


class RunnerProfile(models.Model):
    """The profile JSON (schema_version 1) exactly as core validated it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runner_profile"
    )
    data = models.JSONField()
    updated = models.DateTimeField(auto_now=True)


class TrainingSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_sessions"
    )
    date = models.DateField()
    # How the back felt at the end of the guided session (0-10), null until answered.
    feeling_after = models.PositiveSmallIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["user", "date"])]


class SetEntry(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="sets")
    exercise = models.CharField(max_length=64)
    reps = models.PositiveSmallIntegerField()
    pain = models.PositiveSmallIntegerField()
    form = models.CharField(max_length=4, choices=[("good", "good"), ("poor", "poor")])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class ItemEntry(models.Model):
    """An item of the guided session other than a set, done or skipped (a mobility drill,
    stretch or extra; a strength exercise skipped): the history session's `items`."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="items")
    exercise = models.CharField(max_length=64)
    outcome = models.CharField(max_length=7, choices=[("done", "done"), ("skipped", "skipped")])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class Checkin(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    date = models.DateField()
    morning_pain = models.PositiveSmallIntegerField()
    red_flags = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["user", "date"])]


class Run(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runs"
    )
    date = models.DateField()
    km = models.FloatField()
    minutes = models.FloatField(null=True, blank=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Warning signs reported beside the run: they triage like a check-in's.
    red_flags = models.JSONField(default=list)
    source = models.CharField(max_length=255, blank=True, default="")
    # An imported run asks for its pain on the next page view until rated or dismissed.
    asks_for_pain = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["user", "date"])]


class WriteReceipt(models.Model):
    """The answer to a write sent with an idempotency key: the same key from the same
    runner gets this answer again instead of a second write (DESIGN section 5). A receipt
    is no fact about the runner; it only makes a resent request harmless."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="write_receipts"
    )
    key = models.CharField(max_length=200)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_receipt_per_key")]


class DataVersion(models.Model):
    """Which state of the runner's facts is stored: a new random value in the same
    transaction as every write to them, so the derived-state cache (DESIGN section 6) is
    keyed on it. Random, not a counter, so a rolled-back write's version never returns
    with other facts behind it. No fact itself: losing it only costs a fresh derivation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="data_version",
    )
    version = models.CharField(max_length=32)
    # The version of every fact but the sets logged in today's guided session: the plan as
    # the day began does not read them, so logging a set does not change it.
    base = models.CharField(max_length=32, default="")


class Preferences(models.Model):
    """How the runner likes things shown and when to be reminded: no fact about their back,
    so no write here changes the data version (nothing derived reads it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preferences",
    )
    distance_unit = models.CharField(
        max_length=2, choices=[("km", "km"), ("mi", "mi")], default="km"
    )
    remind_strength = models.TimeField(null=True, blank=True, default=dt.time(18, 0))
    remind_run = models.TimeField(null=True, blank=True, default=dt.time(7, 30))
    remind_mobility = models.TimeField(null=True, blank=True, default=dt.time(20, 0))
