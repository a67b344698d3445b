package org.deq.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.deq.search.Hit;
import org.deq.store.StoreConfig;

/**
 * The most recent result lists, each under a random id, so a client can export a list or refine it without sending
 * it back; the oldest are forgotten beyond a fixed count.
 */
final class ResultLists {

    /**
     * One result list and the examples that produced it: archive ones as ids, uploaded ones as their descriptors (a few
     * KB each, where the decoded pixels could take hundreds of MB).
     */
    record ResultList(List<String> exampleIds, List<Upload> uploads, List<Hit> hits) {
    }

    /**
     * An uploaded example: the name it is shown by, its descriptor, and the index configuration that described it, so
     * that a list refined after the folder was built again with another descriptor is told to upload again.
     */
    record Upload(String id, float[] descriptor, StoreConfig describedBy) {

        /** Whether {@code config} describes images as this upload was described: same spec, length and fitted state. */
        boolean describedAlikeBy(StoreConfig config) {
            return describedBy.describesAlike(config);
        }
    }

    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private final SecureRandom random = new SecureRandom();
    private final int capacity;
    private final Map<String, ResultList> lists;

    ResultLists(int capacity) {
        this.capacity = capacity;
        this.lists = new LinkedHashMap<>(capacity * 2, 0.75f, true);
    }

    /** Stores a list and returns its new id. */
    synchronized String add(ResultList list) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        lists.put(id, list);
        if (lists.size() > capacity) {
            lists.remove(lists.keySet().iterator().next());
        }
        return id;
    }

    /** The list of an id; a malformed id is a 400, an unknown or forgotten one a 404. */
    synchronized ResultList get(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.badRequest("resultId must be 16 hexadecimal digits, got '" + id + "'");
        }
        ResultList list = lists.get(id);
        if (list == null) {
            throw ApiException.notFound("no result list '" + id + "' (the server keeps the last " + capacity + "); run the query again");
        }
        return list;
    }
}
