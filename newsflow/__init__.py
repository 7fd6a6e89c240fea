"""newsflow: the command line and the embedded (one-process) runtime."""
