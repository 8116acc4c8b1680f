"""Spins two processes for a few seconds and reports the CPU share it got (scenario 3)."""
import multiprocessing
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0


def spin(_):
    end = time.time() + SECONDS
    while time.time() < end:
        pass
    return time.process_time()


if __name__ == "__main__":
    start = time.time()
    with multiprocessing.Pool(2) as pool:
        cpu = sum(pool.map(spin, range(2)))
    wall = time.time() - start
    print(f"cpu share: {cpu / wall:.2f} CPUs")
