from django.core.cache import cache
from django.test import TestCase

from tickets import availability, services

from . import factories


class AvailabilityCacheTests(TestCase):
    def setUp(self):
        self.event = factories.event()
        self.ticket_type = factories.ticket_type(self.event, quantity=10)
        # Ids repeat in the next run's fresh database while Redis keeps its keys: start clean.
        availability.invalidate(self.event.id)

    def test_availability_lists_each_ticket_type(self):
        self.assertEqual(availability.availability(self.event), {self.ticket_type.id: 10})

    def test_availability_is_cached_in_redis(self):
        availability.availability(self.event)
        self.assertEqual(cache.get(availability.cache_key(self.event.id)), {self.ticket_type.id: 10})

    def test_cached_value_is_served_without_queries(self):
        availability.availability(self.event)
        with self.assertNumQueries(0):
            availability.availability(self.event)

    def test_purchase_invalidates_after_commit(self):
        availability.availability(self.event)
        with self.captureOnCommitCallbacks(execute=True):
            services.purchase(factories.user(), self.ticket_type.id, 4)
        self.assertEqual(availability.availability(self.event), {self.ticket_type.id: 6})

    def test_invalidate_changes_the_key(self):
        before = availability.cache_key(self.event.id)
        availability.invalidate(self.event.id)
        self.assertNotEqual(before, availability.cache_key(self.event.id))

    def test_keys_are_namespaced_by_database(self):
        from django.db import connection

        self.assertIn(connection.settings_dict["NAME"], availability.cache_key(self.event.id))
