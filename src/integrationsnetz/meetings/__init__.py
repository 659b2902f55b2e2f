"""Meeting series, meetings, programmes, invitations, registrations and working groups."""
