"""Never ends on its own; the timeout stops it (scenario 4): `rgrid run examples/endless_loop.py --timeout 5`"""
import time

n = 0
while True:
    n += 1
    print(f"still here ({n})", flush=True)
    time.sleep(1)
