"""The archive on disk: schema migrations, the writers, and the Datasette presentation."""
