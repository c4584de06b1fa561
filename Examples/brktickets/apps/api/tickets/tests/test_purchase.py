from django.test import TestCase

from tickets import codes, services
from tickets.models import Order

from . import factories


class PurchaseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.buyer = factories.user()

    def setUp(self):
        self.ticket_type = factories.ticket_type(price_cents=2000, quantity=5)

    def test_purchase_creates_an_order_with_tickets(self):
        order = services.purchase(self.buyer, self.ticket_type.id, 2)
        self.assertEqual(order.tickets.count(), 2)

    def test_purchase_counts_sold_tickets(self):
        services.purchase(self.buyer, self.ticket_type.id, 3)
        self.ticket_type.refresh_from_db()
        self.assertEqual(self.ticket_type.sold, 3)

    def test_purchase_total_includes_fees(self):
        order = services.purchase(self.buyer, self.ticket_type.id, 2)
        self.assertEqual(order.total_cents, 2 * 2100)

    def test_ticket_codes_are_valid(self):
        order = services.purchase(self.buyer, self.ticket_type.id, 2)
        self.assertTrue(all(codes.is_valid(ticket.code) for ticket in order.tickets.all()))

    def test_order_reference_is_eight_characters(self):
        order = services.purchase(self.buyer, self.ticket_type.id, 1)
        self.assertEqual(len(order.reference), 8)

    def test_sold_out_is_refused(self):
        with self.assertRaises(services.SoldOut):
            services.purchase(self.buyer, self.ticket_type.id, 6)
        self.assertFalse(Order.objects.filter(user=self.buyer).exists())

    def test_zero_quantity_is_refused(self):
        with self.assertRaises(services.PurchaseError):
            services.purchase(self.buyer, self.ticket_type.id, 0)

    def test_unpublished_event_is_not_on_sale(self):
        hidden = factories.ticket_type(factories.event(published=False))
        with self.assertRaises(services.PurchaseError):
            services.purchase(self.buyer, hidden.id, 1)

    def test_order_limit_is_enforced(self):
        limited = factories.ticket_type(quantity=100, max_per_order=4)
        with self.assertRaises(services.PurchaseError):
            services.purchase(self.buyer, limited.id, 5)
