from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from producers.models import Membership, Venue
from tickets.tests import factories


class VenueApiTests(APITestCase):
    @classmethod
    def setUpTestData(cls):
        cls.producer = factories.producer()
        cls.manager = factories.member(cls.producer, Membership.MANAGER)
        cls.scanner = factories.member(cls.producer, Membership.SCANNER)
        cls.venue = factories.venue(cls.producer, capacity=300)

    def setUp(self):
        self.client.force_authenticate(self.manager)

    def create(self, **fields):
        data = {"producer": self.producer.id, "name": "Dock 5", "city": "Porto", "capacity": 120, **fields}
        return self.client.post(reverse("venue-list"), data, format="json")

    def test_manager_adds_a_venue(self):
        self.assertEqual(self.create().status_code, status.HTTP_201_CREATED)
        self.assertTrue(Venue.objects.filter(name="Dock 5").exists())

    def test_zero_capacity_is_refused(self):
        self.assertEqual(self.create(capacity=0).status_code, status.HTTP_400_BAD_REQUEST)

    def test_scanner_cannot_add_a_venue(self):
        self.client.force_authenticate(self.scanner)
        self.assertEqual(self.create().status_code, status.HTTP_403_FORBIDDEN)

    def test_scanner_reads_venues(self):
        self.client.force_authenticate(self.scanner)
        response = self.client.get(reverse("venue-detail", args=[self.venue.id]))
        self.assertEqual(response.json()["capacity"], 300)

    def test_manager_updates_capacity(self):
        response = self.client.patch(reverse("venue-detail", args=[self.venue.id]), {"capacity": 350})
        self.assertEqual(response.json()["capacity"], 350)

    def test_stranger_sees_no_venues(self):
        self.client.force_authenticate(factories.user())
        self.assertEqual(self.client.get(reverse("venue-list")).json(), [])

    def test_manager_deletes_a_venue(self):
        venue = factories.venue(self.producer)
        response = self.client.delete(reverse("venue-detail", args=[venue.id]))
        self.assertEqual(response.status_code, status.HTTP_204_NO_CONTENT)
