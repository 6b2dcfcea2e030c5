package org.streamtls.transport.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Full-size receive buffers shared by the connections of one buffer size. A connection borrows one
 * only while it has more bytes buffered than its small idle array holds, and gives it back as soon
 * as those bytes are consumed, so an idle connection holds no full-size buffer.
 *
 * <p><b>Bounds.</b> The pool keeps at most {@link #capacity()} idle buffers (four per processor,
 * at most 4 MiB in all, at least one). A borrow from an empty pool allocates a new array; a give-back
 * to a full pool drops it for the garbage collector. A steady stream therefore allocates nothing as
 * long as no more connections hold a buffer at the same moment than the pool keeps.
 *
 * <p><b>Thread-safety.</b> Lock-free: each slot is taken and filled by compare-and-set, without
 * allocation. One pool per buffer size, for at most {@link #MAX_SIZES} sizes; connections of other
 * sizes keep their own buffer ({@link #forSize} returns null).
 */
final class ReceiveBufferPool {

    /** How many distinct buffer sizes get a pool; a program uses one or two. */
    static final int MAX_SIZES = 16;

    private static final long MAX_POOLED_BYTES = 4L * 1024 * 1024;
    private static final ConcurrentMap<Integer, ReceiveBufferPool> BY_SIZE = new ConcurrentHashMap<>();

    private final int bufferSize;
    private final AtomicReferenceArray<byte[]> slots;
    private final int mask;
    private final AtomicLong allocated = new AtomicLong();

    ReceiveBufferPool(int bufferSize, int capacity) {
        this.bufferSize = bufferSize;
        int slotCount = Integer.highestOneBit(Math.max(1, capacity));
        this.slots = new AtomicReferenceArray<>(slotCount);
        this.mask = slotCount - 1;
    }

    /** The shared pool for buffers of {@code bufferSize} bytes, or null if too many sizes are in use. */
    static ReceiveBufferPool forSize(int bufferSize) {
        ReceiveBufferPool pool = BY_SIZE.get(bufferSize);
        if (pool != null || BY_SIZE.size() >= MAX_SIZES) {
            return pool;
        }
        return BY_SIZE.computeIfAbsent(bufferSize, size -> new ReceiveBufferPool(size,
                (int) Math.min(4L * Runtime.getRuntime().availableProcessors(), MAX_POOLED_BYTES / size)));
    }

    /** A buffer of {@link #bufferSize()} bytes: an idle one from the pool, else a new one. */
    byte[] borrow(int hint) {
        for (int i = 0; i <= mask; i++) {
            int slot = (hint + i) & mask;
            byte[] b = slots.get(slot);
            if (b != null && slots.compareAndSet(slot, b, null)) {
                return b;
            }
        }
        allocated.incrementAndGet();
        return new byte[bufferSize];
    }

    /** Takes back a buffer that came from {@link #borrow}; its contents are not cleared. */
    void giveBack(byte[] buffer, int hint) {
        for (int i = 0; i <= mask; i++) {
            int slot = (hint + i) & mask;
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, buffer)) {
                return;
            }
        }
        // Full: the garbage collector takes it.
    }

    int bufferSize() {
        return bufferSize;
    }

    /** How many idle buffers the pool keeps at most (a power of two). */
    int capacity() {
        return mask + 1;
    }

    /** Idle buffers in the pool now (a snapshot, for tests and diagnostics). */
    int idle() {
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    /** Buffers allocated since start because the pool was empty (for tests and diagnostics). */
    long allocated() {
        return allocated.get();
    }
}
