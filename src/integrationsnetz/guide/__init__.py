"""The responsibility matrix (Schnittstellenpapier), its editions and the multilingual finder for newcomers."""
