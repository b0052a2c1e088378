package org.sim2word.common.messaging;

/** Kafka topic names; every service takes them from here. */
public final class Topics {
    /** {@code JobMessage} values keyed by job id; workers consume it as one group. */
    public static final String JOBS = "sim2word.jobs";
    /** Records a worker could not read or could not finish after every attempt, with the reason in headers. */
    public static final String DEAD_LETTER = "sim2word.jobs.dead-letter";
    /** {@code JobEvent} values keyed by job id: every state a job reaches. */
    public static final String JOB_EVENTS = "sim2word.job-events";

    /** The consumer group of the workers. */
    public static final String WORKER_GROUP = "sim2word-workers";
    /** The consumer group of the aggregators. */
    public static final String AGGREGATOR_GROUP = "sim2word-aggregators";

    /** Header on dead letters: why the record could not be processed. */
    public static final String HEADER_ERROR = "sim2word-error";
    /** Header on dead letters: the topic-partition-offset the record came from. */
    public static final String HEADER_ORIGIN = "sim2word-origin";

    private Topics() {
    }
}
