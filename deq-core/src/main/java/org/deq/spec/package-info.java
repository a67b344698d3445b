/**
 * The names users type for choices: an enum constant by its lower-case, hyphenated name, with one error format that
 * lists the valid names ({@link org.deq.spec.EnumNames}), and what is wrong with one of deq's own JSON files in its terms
 * ({@link org.deq.spec.JsonErrors}), and lists of patch ids checked alike by the CLI and the server
 * ({@link org.deq.spec.IdLists}), and an archive's text as an error line or a terminal may show it
 * ({@link org.deq.spec.PrintableText}). Descriptor, encoder and search specs share one parameter grammar
 * ({@link org.deq.spec.SpecTokens}: {@code key=value} pairs, each key once, whole numbers checked alike), read by their
 * kinds' own classes ({@code describe.SpecParams}, {@code hash.HashSpec}, {@code index.SearchMethod}); near-miss names
 * (a label, a setting) are suggested by {@link org.deq.spec.Spelling}.
 */
package org.deq.spec;
