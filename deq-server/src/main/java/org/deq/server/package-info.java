/** The HTTP JSON API and the web UI of deq: a Javalin server over one open index store. */
package org.deq.server;
