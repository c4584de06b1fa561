from django.conf import settings
from django.db import models


class Event(models.Model):
    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="events")
    venue = models.ForeignKey("producers.Venue", on_delete=models.SET_NULL, null=True, blank=True)
    title = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    starts_at = models.DateTimeField()
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


class TicketType(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="ticket_types")
    name = models.CharField(max_length=60)
    price_cents = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField()
    sold = models.PositiveIntegerField(default=0)
    max_per_order = models.PositiveIntegerField(default=10)

    def __str__(self):
        return f"{self.event}: {self.name}"

    @property
    def available(self):
        return self.quantity - self.sold


class Order(models.Model):
    PENDING = "pending"
    PAID = "paid"
    CANCELLED = "cancelled"
    STATUSES = [(PENDING, "Pending"), (PAID, "Paid"), (CANCELLED, "Cancelled")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="orders")
    reference = models.CharField(max_length=12, unique=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=PAID)
    total_cents = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference


class Ticket(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="tickets")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT, related_name="tickets")
    code = models.CharField(max_length=12, unique=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.code
