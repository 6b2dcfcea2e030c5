package org.streamtls.transport.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes the thread each connection's handler runs on: a virtual thread on JDK 21+, found through
 * method handles because the library is compiled for Java 17; a daemon platform thread otherwise.
 */
public final class HandlerThreads {

    private static final MethodHandle NEW_VIRTUAL = findVirtualThreadMaker();

    private HandlerThreads() {
    }

    /** True if handlers run on virtual threads in this JVM. */
    public static boolean virtual() {
        return NEW_VIRTUAL != null;
    }

    /** A new, unstarted thread named {@code name} that runs {@code task}. */
    public static Thread newThread(String name, Runnable task) {
        if (NEW_VIRTUAL != null) {
            try {
                return (Thread) NEW_VIRTUAL.invoke(name, task);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual thread", e);
            }
        }
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** Thread.ofVirtual().name(name).unstarted(task), or null before JDK 21. */
    private static MethodHandle findVirtualThreadMaker() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual))
                    .asType(MethodType.methodType(builder));
            MethodHandle name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            MethodHandle unstarted = lookup.findVirtual(builder, "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
            // (String, Runnable) -> ofVirtual().name(String).unstarted(Runnable)
            MethodHandle named = MethodHandles.collectArguments(name, 0, create);
            MethodHandle maker = MethodHandles.collectArguments(unstarted, 0, named);
            return maker.asType(MethodType.methodType(Thread.class, String.class, Runnable.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger(HandlerThreads.class.getName()).log(System.Logger.Level.DEBUG,
                    "virtual threads unavailable, handlers run on platform threads", e);
            return null;
        }
    }
}
