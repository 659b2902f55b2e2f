"""Posts, press releases, newsletters with double opt-in and send-once delivery."""
