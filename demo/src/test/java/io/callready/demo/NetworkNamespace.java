package io.callready.demo;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs test code inside another process's network namespace. setns(2) moves only the calling thread, so the code
 * runs on a new platform thread that enters the namespace first and ends with the code: sockets it opens live in
 * that namespace (and keep working from there), the rest of the JVM stays where it was.
 */
final class NetworkNamespace {
    private static final int O_RDONLY = 0;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = libc("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = libc("setns", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private NetworkNamespace() {
    }

    /** Calls {@code body} in the network namespace of process {@code pid} and returns what it returns. */
    static <T> T call(long pid, Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("netns-" + pid).unstarted(() -> {
            try {
                enter("/proc/" + pid + "/ns/net");
                result.set(body.call());
            } catch (Exception e) {
                failure.set(e);
            } catch (Throwable e) {
                failure.set(new RuntimeException(e));
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static void enter(String nsPath) throws Throwable {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) OPEN.invokeExact(arena.allocateFrom(nsPath), O_RDONLY);
        }
        if (fd < 0) {
            throw new IllegalStateException("cannot open " + nsPath);
        }
        try {
            if ((int) SETNS.invokeExact(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("setns(" + nsPath + ") failed (needs root)");
            }
        } finally {
            int ignored = (int) CLOSE.invokeExact(fd);
        }
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
