/** The ingest pipeline (archive → describe → index store) shared by the CLI, the server and distributed jobs. */
package org.deq.ingest;
