"""The first script: prints where it runs. `rgrid run examples/hello.py`"""
import platform
import sys

print(f"Hello from RGrid! Python {platform.python_version()} on {platform.system()}")
print(f"Arguments: {sys.argv[1:]}")
