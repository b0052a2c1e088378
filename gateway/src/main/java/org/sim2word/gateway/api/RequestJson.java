package org.sim2word.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.stream.Collectors;
import org.sim2word.common.json.Json;

/**
 * Reads JSON sent by callers, strictly: a misspelt field or a fraction where a whole number belongs is refused
 * rather than silently replaced by a default. Jackson's own messages name Java classes; these name the field the
 * caller wrote and what was wrong with it.
 */
public final class RequestJson {

    private RequestJson() {
    }

    /** Reads a whole request body; problems name fields by their path from the top, e.g. "pairs[2].label". */
    public static <T> T body(String json, Class<T> type) {
        return read(null, json, type);
    }

    /** Reads a document sent under a name, e.g. the "options" part; problems name fields as "options.fill". */
    public static <T> T named(String name, String json, Class<T> type) {
        return read(name, json, type);
    }

    private static <T> T read(String name, String json, Class<T> type) {
        try {
            return Json.mapper().readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(describe(name, e));
        }
    }

    static String describe(String name, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return (name == null ? "the request body" : name) + " is not valid JSON: " + firstLine(e.getOriginalMessage());
        }
        String field = (name == null ? "" : name + ".") + path(mapping.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return field + " is not a known field; the known ones are " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        }
        IllegalArgumentException refusal = refusal(e);
        if (refusal != null) {
            return field + ": " + refusal.getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return field + " has the wrong type; expected " + typeName(mismatch.getTargetType());
        }
        return field + ": " + firstLine(e.getOriginalMessage());
    }

    /** Our enums and records refuse bad values with a sentence; prefer it to Jackson's. */
    private static IllegalArgumentException refusal(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                return iae;
            }
        }
        return null;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
