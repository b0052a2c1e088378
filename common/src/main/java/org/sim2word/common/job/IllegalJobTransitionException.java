package org.sim2word.common.job;

/** A service tried to move a job along a transition that {@link JobState} does not allow. */
public final class IllegalJobTransitionException extends IllegalStateException {
    private final JobState from;
    private final JobState to;

    public IllegalJobTransitionException(JobState from, JobState to) {
        super("a job cannot move from " + from.wireName() + " to " + to.wireName());
        this.from = from;
        this.to = to;
    }

    public JobState from() {
        return from;
    }

    public JobState to() {
        return to;
    }
}
