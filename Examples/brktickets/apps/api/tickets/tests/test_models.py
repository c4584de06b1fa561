from django.db import IntegrityError
from django.test import TestCase

from tickets.models import Event, Order, Ticket

from . import factories


class EventModelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.producer = factories.producer(name="Night Owls")
        cls.later = factories.event(cls.producer, days=60, title="Later")
        cls.sooner = factories.event(cls.producer, days=5, title="Sooner")

    def test_events_are_ordered_by_start(self):
        self.assertEqual(list(Event.objects.filter(producer=self.producer)), [self.sooner, self.later])

    def test_str_is_the_title(self):
        self.assertEqual(str(self.later), "Later")

    def test_slug_is_unique(self):
        with self.assertRaises(IntegrityError):
            Event.objects.create(producer=self.producer, title="Copy", slug=self.later.slug,
                                 starts_at=self.later.starts_at)


class TicketTypeModelTests(TestCase):
    def test_available_is_quantity_minus_sold(self):
        ticket_type = factories.ticket_type(quantity=10, sold=4)
        self.assertEqual(ticket_type.available, 6)

    def test_str_names_event_and_type(self):
        ticket_type = factories.ticket_type()
        self.assertIn(ticket_type.event.title, str(ticket_type))


class OrderModelTests(TestCase):
    def test_reference_is_unique(self):
        user = factories.user()
        Order.objects.create(user=user, reference="REF1")
        with self.assertRaises(IntegrityError):
            Order.objects.create(user=user, reference="REF1")

    def test_ticket_code_is_unique(self):
        user = factories.user()
        ticket_type = factories.ticket_type()
        order = Order.objects.create(user=user, reference="REF2")
        Ticket.objects.create(order=order, ticket_type=ticket_type, code="CODE1")
        with self.assertRaises(IntegrityError):
            Ticket.objects.create(order=order, ticket_type=ticket_type, code="CODE1")

    def test_new_orders_are_paid(self):
        order = Order.objects.create(user=factories.user(), reference="REF3")
        self.assertEqual(order.status, Order.PAID)
