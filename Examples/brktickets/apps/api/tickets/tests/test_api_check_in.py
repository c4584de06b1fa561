from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from producers.models import Membership
from tickets import codes, services

from . import factories


class CheckInApiTests(APITestCase):
    @classmethod
    def setUpTestData(cls):
        cls.producer = factories.producer()
        cls.scanner = factories.member(cls.producer, Membership.SCANNER)
        cls.stranger = factories.user()
        cls.ticket_type = factories.ticket_type(factories.event(cls.producer))

    def setUp(self):
        self.order = services.purchase(factories.user(), self.ticket_type.id, 1)
        self.code = self.order.tickets.get().code

    def scan(self, code, user=None):
        self.client.force_authenticate(user or self.scanner)
        return self.client.post(reverse("check-in"), {"code": code}, format="json")

    def test_scanner_checks_a_ticket_in(self):
        response = self.scan(self.code)
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.json()["code"], self.code)

    def test_second_scan_is_a_conflict(self):
        self.scan(self.code)
        self.assertEqual(self.scan(self.code).status_code, status.HTTP_409_CONFLICT)

    def test_printed_form_is_accepted(self):
        self.assertEqual(self.scan(codes.display(self.code)).status_code, status.HTTP_200_OK)

    def test_stranger_cannot_scan(self):
        self.assertEqual(self.scan(self.code, self.stranger).status_code, status.HTTP_403_FORBIDDEN)

    def test_unknown_code_is_not_found(self):
        self.assertEqual(self.scan(codes.new_code()).status_code, status.HTTP_404_NOT_FOUND)

    def test_anonymous_cannot_scan(self):
        response = self.client.post(reverse("check-in"), {"code": self.code}, format="json")
        self.assertEqual(response.status_code, status.HTTP_403_FORBIDDEN)
