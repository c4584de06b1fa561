from django.urls import reverse
from rest_framework import status
from rest_framework.test import APITestCase

from tickets import availability

from . import factories


class EventApiTests(APITestCase):
    @classmethod
    def setUpTestData(cls):
        cls.producer = factories.producer(name="Harbour Sounds")
        cls.event = factories.event(cls.producer, title="Jazz by the Water")
        cls.standing = factories.ticket_type(cls.event, price_cents=1500, quantity=50)
        cls.hidden = factories.event(cls.producer, published=False, title="Secret Show")

    def test_list_shows_published_events(self):
        response = self.client.get(reverse("event-list"))
        titles = [event["title"] for event in response.json()]
        self.assertIn("Jazz by the Water", titles)

    def test_list_hides_unpublished_events(self):
        response = self.client.get(reverse("event-list"))
        self.assertNotIn("Secret Show", [event["title"] for event in response.json()])

    def test_detail_is_found_by_slug(self):
        response = self.client.get(reverse("event-detail", args=[self.event.slug]))
        self.assertEqual(response.json()["producer"], "Harbour Sounds")

    def test_detail_lists_ticket_types_with_availability(self):
        response = self.client.get(reverse("event-detail", args=[self.event.slug]))
        self.assertEqual(response.json()["ticket_types"][0]["available"], 50)

    def test_unpublished_detail_is_not_found(self):
        response = self.client.get(reverse("event-detail", args=[self.hidden.slug]))
        self.assertEqual(response.status_code, status.HTTP_404_NOT_FOUND)

    def test_search_by_title(self):
        response = self.client.get(reverse("event-list"), {"q": "jazz"})
        self.assertEqual([event["slug"] for event in response.json()], [self.event.slug])

    def test_search_by_producer(self):
        response = self.client.get(reverse("event-list"), {"q": "harbour"})
        self.assertIn(self.event.slug, [event["slug"] for event in response.json()])

    def test_availability_endpoint(self):
        availability.invalidate(self.event.id)
        response = self.client.get(reverse("event-availability", args=[self.event.slug]))
        self.assertEqual(response.json(), {str(self.standing.id): 50})

    def test_events_are_read_only(self):
        response = self.client.post(reverse("event-list"), {"title": "New"})
        self.assertEqual(response.status_code, status.HTTP_405_METHOD_NOT_ALLOWED)
