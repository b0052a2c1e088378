package org.sim2word.gateway.job;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sim2word.gateway.api.ApiException;
import org.sim2word.gateway.api.RequestJson;

/** The optional {@code options} part of a multipart submission. */
final class OptionsPart {

    private OptionsPart() {
    }

    /**
     * Missing options mean every default; broken ones add their problems to the request's.
     *
     * @param check the options' own validation, e.g. {@code ExplainOptions::problems}
     * @return the options, or empty when they could not be read at all
     */
    static <T> Optional<T> read(String json, Class<T> type, Supplier<T> defaults, Function<T, List<String>> check,
                                List<String> problems) {
        if (json == null || json.isBlank()) {
            return Optional.of(defaults.get());
        }
        try {
            T options = Optional.ofNullable(RequestJson.named("options", json, type)).orElseGet(defaults);
            check.apply(options).forEach(problem -> problems.add("options: " + problem));
            return Optional.of(options);
        } catch (ApiException e) {
            problems.addAll(e.details());
            return Optional.empty();
        }
    }
}
