"""The `backstride` command line."""

import os

# The CLI uses no pydantic plugins, and looking for them scans the metadata of every
# installed package: about 9 ms of each command's start-up. An explicit setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
