from rest_framework import serializers

from .models import Event, Order, Ticket, TicketType


class TicketTypeSerializer(serializers.ModelSerializer):
    available = serializers.IntegerField(read_only=True)

    class Meta:
        model = TicketType
        fields = ["id", "name", "price_cents", "available", "max_per_order"]


class EventSerializer(serializers.ModelSerializer):
    ticket_types = TicketTypeSerializer(many=True, read_only=True)
    producer = serializers.CharField(source="producer.name", read_only=True)

    class Meta:
        model = Event
        fields = ["id", "title", "slug", "starts_at", "producer", "ticket_types"]


class TicketSerializer(serializers.ModelSerializer):
    ticket_type = serializers.CharField(source="ticket_type.name", read_only=True)

    class Meta:
        model = Ticket
        fields = ["code", "ticket_type", "checked_in_at"]


class OrderSerializer(serializers.ModelSerializer):
    tickets = TicketSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = ["id", "reference", "status", "total_cents", "created_at", "tickets"]


class PurchaseSerializer(serializers.Serializer):
    ticket_type = serializers.IntegerField()
    quantity = serializers.IntegerField(min_value=1)


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=20)
