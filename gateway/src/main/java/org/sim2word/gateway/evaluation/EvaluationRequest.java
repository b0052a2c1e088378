package org.sim2word.gateway.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sim2word.common.job.ExplainOptions;

/** The body of {@code POST /v1/evaluations} (docs/api.md); options left out take every default. */
public record EvaluationRequest(String name, ExplainOptions options, List<Pair> pairs) {
    /** Names label dashboards and the original layout's "Datasets"; longer ones are surely a mistake. */
    static final int MAX_NAME_LENGTH = 200;

    public EvaluationRequest {
        options = options == null ? ExplainOptions.defaults() : options;
        pairs = pairs == null ? List.of() : pairs;
    }

    /** @param label 1 for two photos of the same person, 0 otherwise */
    public record Pair(String a, String b, Integer label) {
    }

    /** Every problem that needs no database to find, in the order a reader of the request meets them. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            problems.add("name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            problems.add("name contains control characters; use printable text");
        }
        options.problems().forEach(problem -> problems.add("options: " + problem));
        if (pairs.isEmpty()) {
            problems.add("pairs is empty; list at least one pair of image ids");
        }
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            String at = "pairs[" + i + "]";
            if (pair == null) {
                problems.add(at + " is null; give it a, b and label");
                continue;
            }
            if (pair.a() == null || pair.a().isBlank()) {
                problems.add(at + ".a is missing; give the id of an uploaded image");
            }
            if (pair.b() == null || pair.b().isBlank()) {
                problems.add(at + ".b is missing; give the id of an uploaded image");
            }
            if (pair.label() == null) {
                problems.add(at + ".label is missing; use 1 for the same person and 0 for different people");
            } else if (pair.label() != 0 && pair.label() != 1) {
                problems.add(at + ".label must be 0 or 1, was " + pair.label());
            }
        }
        return problems;
    }

    /** The distinct image ids the pairs name, blank ones left out. */
    Set<String> imageIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Pair pair : pairs) {
            if (pair != null) {
                for (String id : new String[] {pair.a(), pair.b()}) {
                    if (id != null && !id.isBlank()) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }
}
