"""Factories for calendar overrides."""

import datetime as dt

import factory

from congdanso.workdays.models import CalendarOverride, OverrideKind


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarOverride

    province_code = 20
    date = factory.Sequence(lambda n: dt.date(2026, 3, 2) + dt.timedelta(days=n))
    kind = OverrideKind.DAY_OFF
    reason = "Ngày nghỉ do bão"
