import base64

from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from tickets.models import Order

from . import factories

PASSWORD = "correct horse battery"


def basic(username, password=PASSWORD):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


class OrderApiTests(APITestCase):
    """Authenticates with HTTP Basic, as the mobile app does: every request checks the password."""

    @classmethod
    def setUpTestData(cls):
        cls.buyer = factories.user("buyer", PASSWORD)
        cls.ticket_type = factories.ticket_type(price_cents=3000, quantity=5)

    def buy(self, quantity=1, ticket_type=None, **headers):
        data = {"ticket_type": (ticket_type or self.ticket_type).id, "quantity": quantity}
        return self.client.post(reverse("order-list"), data, format="json", **(headers or basic("buyer")))

    def test_buying_creates_an_order(self):
        response = self.buy(2)
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(len(response.json()["tickets"]), 2)

    def test_anonymous_cannot_buy(self):
        response = self.client.post(reverse("order-list"), {"ticket_type": self.ticket_type.id, "quantity": 1})
        self.assertEqual(response.status_code, status.HTTP_403_FORBIDDEN)

    def test_wrong_password_cannot_buy(self):
        response = self.buy(1, **basic("buyer", "wrong"))
        self.assertEqual(response.status_code, status.HTTP_403_FORBIDDEN)

    def test_sold_out_is_a_conflict(self):
        response = self.buy(6)
        self.assertEqual(response.status_code, status.HTTP_409_CONFLICT)

    def test_unknown_ticket_type_is_not_found(self):
        response = self.client.post(reverse("order-list"), {"ticket_type": 999999, "quantity": 1},
                                    format="json", **basic("buyer"))
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)

    def test_quantity_is_validated(self):
        response = self.buy(0)
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)

    def test_orders_list_only_my_orders(self):
        self.buy(1)
        other = factories.user()
        self.client.force_authenticate(other)
        self.assertEqual(self.client.get(reverse("order-list")).json(), [])

    def test_cancel_an_order(self):
        order_id = self.buy(1).json()["id"]
        response = self.client.post(reverse("order-cancel", args=[order_id]), **basic("buyer"))
        self.assertEqual(response.json()["status"], Order.CANCELLED)

    def test_cancel_twice_is_a_bad_request(self):
        order_id = self.buy(1).json()["id"]
        self.client.post(reverse("order-cancel", args=[order_id]), **basic("buyer"))
        response = self.client.post(reverse("order-cancel", args=[order_id]), **basic("buyer"))
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)

    def test_someone_elses_order_is_not_found(self):
        order_id = self.buy(1).json()["id"]
        self.client.force_authenticate(factories.user())
        response = self.client.post(reverse("order-cancel", args=[order_id]))
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)
