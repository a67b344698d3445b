package org.deq.describe;

import java.io.DataInput;
import java.io.IOException;

/**
 * A descriptor kind that another module adds to the spec language (deq-deep's {@code cnn}), found on the class path
 * with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/org.deq.describe.DescriptorProvider}.
 */
public interface DescriptorProvider {

    /** The name specs use, e.g. {@code cnn}. */
    String name();

    /** One line of parameters and defaults for {@code --descriptor help}. */
    String help();

    /** The descriptor {@code params} describe (composition modifiers already removed). */
    Descriptor create(SpecParams params);

    /** The descriptor {@code params} describe, with the state its {@link Descriptor#writeState} wrote. */
    Descriptor read(SpecParams params, DataInput in) throws IOException;
}
