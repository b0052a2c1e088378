package org.sim2word.worker.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Processes one record of the jobs topic to the end: when it returns, the record's offset may be committed. */
@FunctionalInterface
public interface JobHandler {
    /**
     * @throws RuntimeException when the record could not be processed and must be delivered again
     */
    void handle(ConsumerRecord<String, byte[]> record);
}
