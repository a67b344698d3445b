/**
 * Relevance feedback: a {@link org.deq.feedback.FeedbackSession} (query examples, the user's relevant/irrelevant
 * marks, the candidate pool) trains a small kernel SVM ({@link org.deq.feedback.KernelSvm}; a Laplacian kernel on L1 by
 * default, {@link org.deq.feedback.Kernel}; width from the marks: {@link org.deq.feedback.KernelWidth}) on the marked
 * descriptors, re-ranks the pool by its decision value plus the kernel similarity to the query examples
 * ({@link org.deq.feedback.FeedbackSpace}), and proposes the next images to mark ({@link org.deq.feedback.ActiveSelector}
 * with a {@link org.deq.feedback.Strategy}: the {@link org.deq.feedback.Candidates} most uncertain of the best-ranked
 * unmarked images, k-means-clustered, the most central image of each cluster, after Demir &amp; Bruzzone, TGRS 2015;
 * or plain top of ranking). {@link org.deq.feedback.FeedbackEngine} runs sessions for the CLI and the server;
 * {@link org.deq.feedback.SessionStore} keeps them as one JSON file each, marked under the folder's lock file.
 * {@link org.deq.feedback.FeedbackSimulation} replays sessions with a simulated user who marks by the ground-truth labels
 * under a chosen {@link org.deq.feedback.Relevance} (deq-bench's {@code FeedbackBenchmark} times rounds on a large
 * synthetic archive).
 */
package org.deq.feedback;
