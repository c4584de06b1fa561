from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from producers import payouts
from producers.models import Membership
from tickets import services
from tickets.tests import factories

PASSWORD = "producer secret 42"


class ProducerApiTests(APITestCase):
    @classmethod
    def setUpTestData(cls):
        cls.producer = factories.producer(name="Quay Nights")
        cls.owner = factories.member(cls.producer, Membership.OWNER, factories.user("quay-owner", PASSWORD))
        cls.scanner = factories.member(cls.producer, Membership.SCANNER)
        cls.other = factories.producer(name="Elsewhere")

    def setUp(self):
        self.client.login(username="quay-owner", password=PASSWORD)

    def test_list_shows_my_producers(self):
        names = [producer["name"] for producer in self.client.get(reverse("producer-list")).json()]
        self.assertEqual(names, ["Quay Nights"])

    def test_other_producers_are_not_found(self):
        response = self.client.get(reverse("producer-detail", args=[self.other.id]))
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)

    def test_owner_renames_the_producer(self):
        response = self.client.patch(reverse("producer-detail", args=[self.producer.id]), {"name": "Quay Days"})
        self.assertEqual(response.json()["name"], "Quay Days")

    def test_commission_is_read_only(self):
        self.client.patch(reverse("producer-detail", args=[self.producer.id]), {"commission_percent": "1.00"})
        self.producer.refresh_from_db()
        self.assertEqual(str(self.producer.commission_percent), "10.00")

    def test_scanner_cannot_rename(self):
        self.client.force_authenticate(self.scanner)
        response = self.client.patch(reverse("producer-detail", args=[self.producer.id]), {"name": "Mine"})
        self.assertEqual(response.status_code, status.HTTP_403_FORBIDDEN)

    def test_members_are_listed(self):
        response = self.client.get(reverse("producer-members", args=[self.producer.id]))
        self.assertEqual(sorted(member["role"] for member in response.json()), ["owner", "scanner"])

    def test_payouts_are_listed(self):
        payouts.create_payout(self.producer, 5000)
        response = self.client.get(reverse("producer-payouts", args=[self.producer.id]))
        self.assertEqual(response.json()[0]["net_cents"], 4500)

    def test_sales_summary_counts_paid_tickets(self):
        ticket_type = factories.ticket_type(factories.event(self.producer, title="Sea Shanties"), price_cents=1000)
        services.purchase(factories.user(), ticket_type.id, 3)
        response = self.client.get(reverse("producer-sales", args=[self.producer.id]))
        self.assertEqual(response.json(), [{"event": "Sea Shanties", "sold": 3, "gross_cents": 3000}])

    def test_anonymous_is_refused(self):
        self.client.logout()
        self.assertEqual(self.client.get(reverse("producer-list")).status_code, status.HTTP_403_FORBIDDEN)
