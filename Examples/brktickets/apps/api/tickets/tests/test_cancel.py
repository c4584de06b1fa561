from django.test import TestCase
from django.utils import timezone

from tickets import services
from tickets.models import Order

from . import factories


class CancelTests(TestCase):
    def setUp(self):
        self.buyer = factories.user()
        self.ticket_type = factories.ticket_type(quantity=10)
        self.order = services.purchase(self.buyer, self.ticket_type.id, 3)

    def test_cancel_marks_the_order(self):
        services.cancel(self.order)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, Order.CANCELLED)

    def test_cancel_returns_stock(self):
        services.cancel(self.order)
        self.ticket_type.refresh_from_db()
        self.assertEqual(self.ticket_type.available, 10)

    def test_cancel_twice_is_refused(self):
        services.cancel(self.order)
        with self.assertRaises(services.PurchaseError):
            services.cancel(self.order)

    def test_cancel_after_check_in_is_refused(self):
        ticket = self.order.tickets.first()
        ticket.checked_in_at = timezone.now()
        ticket.save()
        with self.assertRaises(services.PurchaseError):
            services.cancel(self.order)

    def test_cancel_leaves_other_orders_alone(self):
        other = services.purchase(factories.user(), self.ticket_type.id, 2)
        services.cancel(self.order)
        other.refresh_from_db()
        self.assertEqual(other.status, Order.PAID)

    def test_cancelled_tickets_cannot_check_in(self):
        services.cancel(self.order)
        with self.assertRaises(services.CheckInError):
            services.check_in(self.order.tickets.first().code)
