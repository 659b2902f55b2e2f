"""Directory pages: ``public`` for everyone, ``editing`` for the people who keep the entries."""
