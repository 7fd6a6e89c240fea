"""newsflow's common package: what every service shares, written once."""
