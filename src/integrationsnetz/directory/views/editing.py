"""Pages to edit organisations, services and contacts; to apply, approve, import and export."""
