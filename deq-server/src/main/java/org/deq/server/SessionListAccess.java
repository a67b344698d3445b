package org.deq.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may list the feedback sessions. The API has no authentication, and a session's id is all it takes to read, mark
 * or delete it, so the list of every id is served only to clients on this machine (a loopback remote address) unless
 * the operator opts in with {@code deq serve --list-sessions}.
 *
 * @param everyone whether every client may list them ({@code --list-sessions})
 */
record SessionListAccess(boolean everyone) {

    /** A 403 saying how to allow it, unless {@code remoteAddress} (an IP address, as the connection gives it) may list. */
    void check(String remoteAddress) {
        if (!everyone && !loopback(remoteAddress)) {
            throw new ApiException(403, "the list of feedback sessions is served only to clients on the server's own"
                    + " machine, since anyone with a session's id may read, mark or delete it; its operator may serve it to"
                    + " every client with deq serve --list-sessions");
        }
    }

    private static boolean loopback(String address) {
        try {
            // an IP literal, as Jetty gives the remote address: parsed, never looked up
            return address != null && !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
