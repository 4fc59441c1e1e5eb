"""`vnpolicy serve`: Datasette over the event database, with metadata, canned queries and plugins."""
