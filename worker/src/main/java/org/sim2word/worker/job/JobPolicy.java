package org.sim2word.worker.job;

import java.time.Duration;

/**
 * How this worker persists with a job.
 *
 * @param workerId    the name recorded on job rows
 * @param maxAttempts deliveries of one job before it is failed
 * @param retryFor    how long unreachable services are waited out within one delivery
 */
public record JobPolicy(String workerId, int maxAttempts, Duration retryFor) {
}
