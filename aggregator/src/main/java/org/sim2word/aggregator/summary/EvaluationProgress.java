package org.sim2word.aggregator.summary;

/**
 * Where the jobs of one evaluation stand.
 *
 * @param pairCount the pairs the evaluation was submitted with
 * @param jobs      the jobs stored for it so far
 */
public record EvaluationProgress(int pairCount, int jobs, int queued, int running, int succeeded, int failed) {

    /** Every pair has a job and every job is final: the figures can no longer change. */
    public boolean isComplete() {
        return jobs == pairCount && queued == 0 && running == 0;
    }
}
