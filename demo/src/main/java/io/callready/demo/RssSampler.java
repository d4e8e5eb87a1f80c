package io.callready.demo;

import java.util.concurrent.atomic.AtomicLong;

/** The peak resident memory of a process, sampled every 200 ms on a daemon thread until stopped. */
final class RssSampler {
    private final AtomicLong peakKb = new AtomicLong();
    private final Thread thread;

    private RssSampler(long pid) {
        thread = Thread.ofPlatform().daemon().name("rss-sampler").unstarted(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakKb.accumulateAndGet(ProcStats.rssKb(pid), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static RssSampler start(long pid) {
        RssSampler s = new RssSampler(pid);
        s.thread.start();
        return s;
    }

    /** @return the peak in kB */
    long stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
        return peakKb.get();
    }
}
