package org.deq.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Parses the name of an enum constant as a user types it: case and surrounding blanks ignored, an error listing the names. */
public final class EnumNames {

    private EnumNames() {
    }

    /** The name a user types for a constant: lower case, {@code _} written {@code -} (e.g. {@code local-regression}). */
    public static String key(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose {@link #key} is {@code text}; see {@link #parse(Class, String, Function, String)}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        return parse(type, text, EnumNames::key, what);
    }

    /**
     * The constant of {@code type} whose {@code key} is {@code text}, ignoring case and surrounding blanks; anything else
     * (null too) is an IllegalArgumentException {@code unknown <what> '<text>'; expected a, b or c}.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> key, String what) {
        String typed = text == null ? "" : text.trim().replace('_', '-'); // local_regression as local-regression
        List<String> keys = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (key.apply(e).equalsIgnoreCase(typed)) {
                return e;
            }
            keys.add(key.apply(e));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + (text == null ? "" : text) + "'; expected " + either(keys));
    }

    /** Names as a choice in a sentence: {@code a}, {@code a or b}, {@code a, b or c}. */
    public static String either(List<String> names) {
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
