# Root conftest: the real-server fixtures are available to every test folder.
pytest_plugins = ["tests.infra.fixtures"]
