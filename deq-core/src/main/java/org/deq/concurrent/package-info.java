/**
 * What threads share, for every module: daemon worker pools and waiting on their results
 * ({@link org.deq.concurrent.Workers}), open things leased to concurrent calls and closed when the last lets go
 * ({@link org.deq.concurrent.LeasedCache}), and maps that forget the least recently used entry first
 * ({@link org.deq.concurrent.LruMap}).
 */
package org.deq.concurrent;
