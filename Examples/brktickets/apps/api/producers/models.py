from decimal import Decimal

from django.conf import settings
from django.db import models


class Producer(models.Model):
    """An organisation that puts on events and is paid out for ticket sales."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    contact_email = models.EmailField()
    commission_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("10.00"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def member_role(self, user):
        membership = self.memberships.filter(user=user).first()
        return membership.role if membership else None


class Membership(models.Model):
    OWNER = "owner"
    MANAGER = "manager"
    SCANNER = "scanner"
    ROLES = [(OWNER, "Owner"), (MANAGER, "Manager"), (SCANNER, "Door scanner")]

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=ROLES, default=SCANNER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["producer", "user"], name="one_membership_per_user")]

    def __str__(self):
        return f"{self.user} {self.role} of {self.producer}"


class Venue(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(max_length=100)
    city = models.CharField(max_length=60)
    capacity = models.PositiveIntegerField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.city}"


class Payout(models.Model):
    PENDING = "pending"
    PAID = "paid"
    STATUSES = [(PENDING, "Pending"), (PAID, "Paid")]

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="payouts")
    gross_cents = models.PositiveIntegerField()
    fee_cents = models.PositiveIntegerField()
    net_cents = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.producer}: {self.net_cents} ({self.status})"
