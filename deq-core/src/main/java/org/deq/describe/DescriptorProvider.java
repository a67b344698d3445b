package org.deq.describe;

import java.io.DataInput;
import java.io.IOException;

/**
 * A descriptor kind of the spec language. This module's kinds are registered in {@link DescriptorSpecs}; another
 * module adds one (deq-deep's {@code cnn}) by implementing this and listing the class in
 * {@code META-INF/services/org.deq.describe.DescriptorProvider}, where {@link java.util.ServiceLoader} finds it. A name
 * another class already takes makes every use of descriptor specs an error naming both classes.
 */
public interface DescriptorProvider {

    /** The name specs use, e.g. {@code cnn}. */
    String name();

    /** One line of parameters and defaults, as {@code deq index --list-descriptors} prints it. */
    String help();

    /** The descriptor {@code params} describe (composition modifiers already removed). */
    Descriptor create(SpecParams params);

    /** The descriptor {@code params} describe, with the state its {@link Descriptor#writeState} wrote. */
    Descriptor read(SpecParams params, DataInput in) throws IOException;
}
