/**
 * The {@code deq} command line: {@link org.deq.cli.Deq} is the picocli root, with one command class per subcommand
 * ({@code deq index} in {@code IndexCommand}, {@code deq bench index} in {@code BenchIndexCommand}, and so on). User
 * errors (bad files, bad option values, mistyped options) print one line {@code deq: error: ...} on stderr and exit
 * with code 2, never a stack trace.
 */
package org.deq.cli;
