"""newsflow enrich stage: finds the actors an article names and who speaks each quote."""
