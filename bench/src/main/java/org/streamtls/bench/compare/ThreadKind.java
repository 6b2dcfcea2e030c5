package org.streamtls.bench.compare;

import java.lang.reflect.Method;

/**
 * The kind of thread a server runs each connection's handler on. Virtual threads exist from JDK 21;
 * this code is compiled for release 17, so they are reached by reflection.
 */
enum ThreadKind {
    PLATFORM("platform"),
    VIRTUAL("virtual");

    private static final Method OF_VIRTUAL;
    private static final Method BUILDER_START;

    static {
        Method ofVirtual = null;
        Method start = null;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
            start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        } catch (ReflectiveOperationException e) {
            ofVirtual = null;
            start = null;
        }
        OF_VIRTUAL = ofVirtual;
        BUILDER_START = start;
    }

    private final String label;

    ThreadKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** True if this JVM has this kind of thread (virtual threads: JDK 21 and later). */
    boolean available() {
        return this == PLATFORM || OF_VIRTUAL != null;
    }

    /** Starts {@code task} on a new thread of this kind (platform threads are daemons). */
    Thread start(String name, Runnable task) {
        if (this == PLATFORM) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
            return t;
        }
        if (OF_VIRTUAL == null) {
            throw new IllegalStateException("virtual threads need JDK 21 or later; this is "
                    + Runtime.version());
        }
        try {
            return (Thread) BUILDER_START.invoke(OF_VIRTUAL.invoke(null), task);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start a virtual thread", e);
        }
    }

    static ThreadKind byLabel(String label) {
        for (ThreadKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown thread kind " + label + ": use platform or virtual");
    }
}
