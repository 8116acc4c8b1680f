"""Reads an input file of any size and reports it (scenario 9): `rgrid run examples/process_large.py big.dat`"""
import hashlib
import os
import sys

path = sys.argv[1]
digest = hashlib.sha256()
size = 0
with open(path, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        size += len(chunk)
        digest.update(chunk)
print(f"{path}: {size} bytes, sha256 {digest.hexdigest()}")

out = os.environ.get("RGRID_OUTPUT_DIR", "outputs")
with open(os.path.join(out, "report.txt"), "w") as f:
    f.write(f"{size} bytes\n")
