from django.urls import include, path

urlpatterns = [
    path("api/tickets/", include("tickets.urls")),
    path("api/portal/", include("portal.urls")),
    path("api/producers/", include("producers.urls")),
]
