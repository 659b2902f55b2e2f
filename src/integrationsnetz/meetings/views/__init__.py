"""Pages of the meetings app: public, answered by token, for organisers, and of working groups."""
