package io.fynedesk.connector.knowledge;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One trigger per integration on the application's clustered JDBC Quartz scheduler (the backstop's
 * store), so each fire runs on one replica. Missed fires (all replicas down) run once when the
 * scheduler is back, then the schedule continues ({@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}).
 */
@Component
class KnowledgeScheduler {

  static final String GROUP = "knowledge-sync";
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeScheduler.class);

  private final Scheduler scheduler;
  private final TransactionTemplate tx;

  /**
   * Quartz's JDBC store takes its cluster lock ({@code SELECT … FOR UPDATE} on {@code QRTZ_LOCKS})
   * on the caller's transaction: without one every statement commits alone, the lock is gone at
   * once, and two replicas storing the same trigger both find it missing and both insert. So each
   * change runs in a transaction of the scheduler's data source.
   */
  KnowledgeScheduler(Scheduler scheduler, PlatformTransactionManager transactions) {
    this.scheduler = scheduler;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Registers, replaces or removes the integration's trigger to match its schedule. */
  void apply(Integration i, boolean paused) {
    tx.executeWithoutResult(status -> store(i, paused));
  }

  private void store(Integration i, boolean paused) {
    List<String> crons =
        i.syncSchedule() == null ? null : SyncSchedule.triggers(i.syncSchedule()).orElse(null);
    try {
      if (crons == null) {
        delete(i.id());
        return;
      }
      JobDetail job =
          JobBuilder.newJob(KnowledgeSyncJob.class)
              .withIdentity(jobKey(i.id()))
              .usingJobData(KnowledgeSyncJob.INTEGRATION, i.id())
              .storeDurably()
              .requestRecovery()
              .build();
      Set<Trigger> triggers = new HashSet<>();
      for (int n = 0; n < crons.size(); n++) {
        triggers.add(
            TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(i.id(), n))
                .forJob(job)
                .withSchedule(
                    CronScheduleBuilder.cronSchedule(crons.get(n))
                        .inTimeZone(TimeZone.getTimeZone("UTC"))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build());
      }
      // Under Quartz's trigger lock, held to the end of this transaction: applies racing on the
      // same integration (the reconcile timer, a request, another replica) replace each other.
      scheduler.scheduleJob(job, triggers, true);
      if (crons.size() == 1) {
        scheduler.unscheduleJob(triggerKey(i.id(), 1)); // a second day field no longer in use
      }
      if (paused) {
        scheduler.pauseJob(job.getKey());
      } else {
        scheduler.resumeJob(job.getKey());
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule integration " + i.id(), e);
    }
  }

  /** Removes the integration's job and trigger. */
  void cancel(String integrationId) {
    tx.executeWithoutResult(status -> delete(integrationId));
  }

  private void delete(String integrationId) {
    try {
      scheduler.deleteJob(jobKey(integrationId));
    } catch (SchedulerException e) {
      LOG.warn("Could not remove the schedule of integration {}", integrationId, e);
    }
  }

  /** The trigger's state and next fire, for tests and the README ("NONE" when unscheduled). */
  String state(String integrationId) {
    try {
      return scheduler.getTriggerState(new TriggerKey(integrationId, GROUP)).name();
    } catch (SchedulerException e) {
      return "ERROR";
    }
  }

  /** How many triggers the integration's job has (0 when unscheduled), for tests. */
  int triggerCount(String integrationId) {
    try {
      return scheduler.getTriggersOfJob(jobKey(integrationId)).size();
    } catch (SchedulerException e) {
      return -1;
    }
  }

  /** The next fire of any of the integration's triggers. */
  Date nextFire(String integrationId) {
    try {
      Date next = null;
      for (Trigger t : scheduler.getTriggersOfJob(jobKey(integrationId))) {
        Date d = t.getNextFireTime();
        if (d != null && (next == null || d.before(next))) {
          next = d;
        }
      }
      return next;
    } catch (SchedulerException e) {
      return null;
    }
  }

  /** The integration's first trigger is named by its id, a second (the other day field) #2. */
  private static TriggerKey triggerKey(String integrationId, int n) {
    return new TriggerKey(n == 0 ? integrationId : integrationId + "#" + (n + 1), GROUP);
  }

  private static JobKey jobKey(String integrationId) {
    return new JobKey(integrationId, GROUP);
  }
}
