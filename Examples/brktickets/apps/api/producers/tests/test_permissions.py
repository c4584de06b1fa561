from django.test import RequestFactory, TestCase

from producers.models import Membership
from producers.permissions import IsProducerMember, can_scan
from tickets.tests import factories


class PermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.producer = factories.producer()
        cls.owner = factories.member(cls.producer, Membership.OWNER)
        cls.scanner = factories.member(cls.producer, Membership.SCANNER)
        cls.stranger = factories.user()

    def allowed(self, method, user, obj=None):
        request = getattr(RequestFactory(), method)("/")
        request.user = user
        return IsProducerMember().has_object_permission(request, None, obj or self.producer)

    def test_owner_may_write(self):
        self.assertTrue(self.allowed("patch", self.owner))

    def test_scanner_may_read(self):
        self.assertTrue(self.allowed("get", self.scanner))

    def test_scanner_may_not_write(self):
        self.assertFalse(self.allowed("patch", self.scanner))

    def test_stranger_may_not_read(self):
        self.assertFalse(self.allowed("get", self.stranger))

    def test_permission_follows_a_venue_to_its_producer(self):
        self.assertTrue(self.allowed("delete", self.owner, factories.venue(self.producer)))

    def test_every_member_may_scan(self):
        self.assertTrue(can_scan(self.scanner, self.producer))
        self.assertFalse(can_scan(self.stranger, self.producer))
