package org.sim2word.gateway.api;

import java.util.UUID;

/** Ids in URL paths. A string that is not a UUID cannot name anything we hold, so it is a 404 like any unknown id. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID parse(String raw, String noun) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw unknown(raw, noun);
        }
    }

    public static ApiException unknown(Object id, String noun) {
        return ApiException.notFound("there is no " + noun + " with id " + id);
    }
}
