package org.sim2word.gateway.job;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;

/** Writes job records with the project's own JSON settings, which the workers read with the same settings. */
public class JobMessageSerializer implements Serializer<JobMessage> {

    @Override
    public byte[] serialize(String topic, JobMessage message) {
        return message == null ? null : Json.write(message).getBytes(StandardCharsets.UTF_8);
    }
}
