from rest_framework import serializers

from .models import Membership, Payout, Producer, Venue


class ProducerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Producer
        fields = ["id", "name", "slug", "contact_email", "commission_percent"]
        read_only_fields = ["commission_percent"]


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "producer", "name", "city", "capacity"]

    def validate_capacity(self, value):
        if value == 0:
            raise serializers.ValidationError("A venue holds at least one person.")
        return value


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "username", "role"]


class PayoutSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payout
        fields = ["id", "gross_cents", "fee_cents", "net_cents", "status", "created_at"]
