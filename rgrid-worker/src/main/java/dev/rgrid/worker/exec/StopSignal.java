package dev.rgrid.worker.exec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells a running executor to stop (a user cancelled); listeners run once, on the first trigger. */
public final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void trigger() {
        synchronized (this) {
            if (stopped.getCount() == 0) return;
            stopped.countDown();
        }
        for (Runnable listener : listeners) listener.run();
    }

    public boolean isTriggered() { return stopped.getCount() == 0; }

    /** Runs {@code listener} when triggered, at once when already triggered. */
    public void onTrigger(Runnable listener) {
        synchronized (this) {
            if (!isTriggered()) {
                listeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }
}
