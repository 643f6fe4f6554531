"""A project of one's own: `readygate.toml`, its folders, and `readygate init`."""
