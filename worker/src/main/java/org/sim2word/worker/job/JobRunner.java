package org.sim2word.worker.job;

import org.sim2word.common.job.JobMessage;

/** Explains one kind of job and stores its result; the processor around it owns delivery and failure policy. */
interface JobRunner {

    /**
     * Checks what the job asks for before any work.
     *
     * @throws UnservableJobException when the options are invalid or name models this worker cannot use
     */
    void check(JobMessage message);

    /**
     * Explains the job, stores its maps and result and marks it succeeded.
     *
     * @return a summary for the log, or null when another delivery had finished the job first (nothing stored)
     */
    String run(JobMessage message);
}
