from django.urls import reverse
from rest_framework.test import APITestCase

from tickets import services
from tickets.tests import factories


class MyTicketsApiTests(APITestCase):
    def setUp(self):
        self.user = factories.user()
        self.client.force_authenticate(self.user)
        self.ticket_type = factories.ticket_type()

    def test_no_tickets_yet(self):
        self.assertEqual(self.client.get(reverse("my-tickets")).json(), [])

    def test_bought_tickets_are_listed(self):
        services.purchase(self.user, self.ticket_type.id, 2)
        self.assertEqual(len(self.client.get(reverse("my-tickets")).json()), 2)

    def test_cancelled_tickets_are_hidden(self):
        services.cancel(services.purchase(self.user, self.ticket_type.id, 1))
        self.assertEqual(self.client.get(reverse("my-tickets")).json(), [])

    def test_other_peoples_tickets_are_hidden(self):
        services.purchase(factories.user(), self.ticket_type.id, 1)
        self.assertEqual(self.client.get(reverse("my-tickets")).json(), [])
