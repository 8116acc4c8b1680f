"""Keeps allocating 50 MB chunks until the memory limit stops it (scenario 2)."""
chunks = []
for i in range(1, 501):
    chunks.append(bytearray(50 * 1024 * 1024))
    print(f"allocated {i * 50} MB", flush=True)
