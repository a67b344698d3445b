/** The ingest pipeline (archive → describe → index store) behind {@code deq index} and {@code deq bench ingest}. */
package org.deq.ingest;
