"""Writes to both streams, then fails: `rgrid logs ID --stderr-only` shows only the warnings (scenario 10)."""
import sys

print("processing row 1")
print("warning: row 2 is malformed", file=sys.stderr)
print("processing row 3")
print("error: giving up", file=sys.stderr)
sys.exit(2)
