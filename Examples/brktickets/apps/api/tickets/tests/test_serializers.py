from django.test import TestCase

from tickets import services
from tickets.serializers import EventSerializer, OrderSerializer, PurchaseSerializer

from . import factories


class SerializerTests(TestCase):
    def test_purchase_needs_a_positive_quantity(self):
        form = PurchaseSerializer(data={"ticket_type": 1, "quantity": 0})
        self.assertFalse(form.is_valid())
        self.assertIn("quantity", form.errors)

    def test_purchase_needs_a_ticket_type(self):
        form = PurchaseSerializer(data={"quantity": 1})
        self.assertFalse(form.is_valid())

    def test_purchase_accepts_numbers_as_strings(self):
        form = PurchaseSerializer(data={"ticket_type": "3", "quantity": "2"})
        self.assertTrue(form.is_valid())
        self.assertEqual(form.validated_data["quantity"], 2)

    def test_event_serializer_names_the_producer(self):
        event = factories.event(factories.producer(name="Lantern"))
        self.assertEqual(EventSerializer(event).data["producer"], "Lantern")

    def test_event_serializer_nests_ticket_types(self):
        ticket_type = factories.ticket_type(quantity=7, sold=2)
        data = EventSerializer(ticket_type.event).data
        self.assertEqual(data["ticket_types"][0]["available"], 5)

    def test_order_serializer_lists_ticket_codes(self):
        order = services.purchase(factories.user(), factories.ticket_type().id, 2)
        data = OrderSerializer(order).data
        self.assertEqual(sorted(ticket["code"] for ticket in data["tickets"]),
                         sorted(order.tickets.values_list("code", flat=True)))
