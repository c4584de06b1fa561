from rest_framework.routers import DefaultRouter

from .views import ProducerViewSet, VenueViewSet

router = DefaultRouter()
router.register("producers", ProducerViewSet, basename="producer")
router.register("venues", VenueViewSet, basename="venue")
urlpatterns = router.urls
