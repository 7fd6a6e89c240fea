"""Real servers for integration tests: an Apache Kafka broker and PostgreSQL."""
