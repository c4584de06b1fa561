from django.db import connections
from django.test.runner import DiscoverRunner


class ForceCleanupTestRunner(DiscoverRunner):
    """Closes every database connection before the test databases are dropped."""

    def teardown_databases(self, old_config, **kwargs):
        for connection in connections.all():
            connection.close()
        super().teardown_databases(old_config, **kwargs)
