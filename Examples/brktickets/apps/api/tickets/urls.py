from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import CheckInView, EventViewSet, OrderViewSet

router = DefaultRouter()
router.register("events", EventViewSet, basename="event")
router.register("orders", OrderViewSet, basename="order")
urlpatterns = router.urls + [path("check-in/", CheckInView.as_view(), name="check-in")]
