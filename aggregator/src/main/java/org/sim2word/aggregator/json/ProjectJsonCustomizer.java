package org.sim2word.aggregator.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.sim2word.common.json.Json;

/** Gives the HTTP layer's mapper the project's one JSON configuration, so every service writes the same JSON. */
@Singleton
public class ProjectJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
