package org.streamtls.samples.cli.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Makes picocli's command objects, handing the {@link CliContext} to those whose constructor takes
 * one; anything else comes from picocli's default factory.
 */
public final class CommandFactory implements IFactory {

    private final CliContext context;

    public CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withContext;
        try {
            withContext = type.getDeclaredConstructor(CliContext.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        try {
            withContext.setAccessible(true);
            return withContext.newInstance(context);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
