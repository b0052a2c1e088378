package org.sim2word.gateway.job;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;
import org.sim2word.common.job.JobMessage;
import org.sim2word.gateway.GatewayConfig;
import org.sim2word.gateway.db.DatabaseException;

/**
 * The republisher: a job is accepted once its row is written, even while Kafka is down, so something must send the
 * jobs whose message never got an ack. Workers tolerate a job delivered twice; a job never delivered would be lost.
 */
@ApplicationScoped
public class UnpublishedJobSweeper {
    private static final Logger LOG = Logger.getLogger(UnpublishedJobSweeper.class);

    private final JobRepository jobs;
    private final JobPublisher publisher;
    private final GatewayConfig.Republish config;

    public UnpublishedJobSweeper(JobRepository jobs, JobPublisher publisher, GatewayConfig config) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.config = config.republish();
    }

    @Scheduled(identity = "unpublished-job-sweeper", every = "${sim2word.gateway.republish.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<JobMessage> stranded;
        try {
            stranded = jobs.unpublished(config.grace(), config.batchSize());
        } catch (DatabaseException e) {
            LOG.warnf("Could not look for jobs that have not reached Kafka; will look again in %d s (%s)",
                    config.every().toSeconds(), e.getMessage());
            return;
        }
        // A job still waiting for its ack is not stranded yet; sending it again would only add a duplicate.
        stranded = stranded.stream().filter(job -> !publisher.isInFlight(job.jobId())).toList();
        if (stranded.isEmpty()) {
            return;
        }
        LOG.infof("%d queued job(s) have waited more than %d s without reaching Kafka; sending them again",
                stranded.size(), config.grace().toSeconds());
        int acked = publisher.publish(stranded);
        if (acked == stranded.size()) {
            LOG.infof("All %d job(s) sent again are now on Kafka", acked);
        } else {
            LOG.warnf("Only %d of %d job(s) reached Kafka; the rest will be sent again in %d s", acked,
                    stranded.size(), config.every().toSeconds());
        }
    }
}
