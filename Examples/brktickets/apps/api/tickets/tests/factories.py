"""Small builders for test data. Users get no usable password unless a test asks for one."""
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from producers.models import Membership, Producer, Venue
from tickets.models import Event, TicketType

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


def user(username=None, password=None, **fields):
    username = username or unique("user")
    return get_user_model().objects.create_user(username, f"{username}@example.com", password, **fields)


def producer(name=None, commission="10.00", **fields):
    name = name or unique("Producer")
    return Producer.objects.create(name=name, slug=unique("producer"), contact_email="box@example.com",
                                   commission_percent=commission, **fields)


def member(of, role=Membership.SCANNER, user_=None):
    user_ = user_ or user()
    Membership.objects.create(producer=of, user=user_, role=role)
    return user_


def venue(of, capacity=500):
    return Venue.objects.create(producer=of, name=unique("Hall"), city="Lisbon", capacity=capacity)


def event(of=None, published=True, days=30, title=None):
    of = of or producer()
    return Event.objects.create(producer=of, title=title or unique("Concert"), slug=unique("event"),
                                starts_at=timezone.now() + timedelta(days=days), published=published)


def ticket_type(event_=None, price_cents=2500, quantity=100, **fields):
    event_ = event_ or event()
    return TicketType.objects.create(event=event_, name=unique("Standing"), price_cents=price_cents,
                                     quantity=quantity, **fields)
