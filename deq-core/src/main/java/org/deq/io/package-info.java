/**
 * Output files written whole or not at all ({@link org.deq.io.AtomicFiles}: a crash or kill mid-write leaves the earlier
 * file, never a truncated one) and folder trees deleted ({@link org.deq.io.FileTrees}), shared by every module that
 * writes results; failures told as users read them ({@link org.deq.io.Failures}).
 */
package org.deq.io;
