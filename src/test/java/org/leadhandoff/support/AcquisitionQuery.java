package org.leadhandoff.support;

/**
 * The job executor's acquisition query as Camunda 7.24 sends it to PostgreSQL with this
 * application's settings (Job.xml {@code selectNextJobsToExecute}: due-date order, timers first,
 * exclusive jobs, 10 per acquisition), with its three timestamps as parameters ("now").
 */
public final class AcquisitionQuery {

    public static final String SQL = "select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_"
            + " from ACT_RU_JOB RES"
            + " where (RES.RETRIES_ > 0) and (RES.DUEDATE_ is null or RES.DUEDATE_ <= ?)"
            + " and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < ?) and RES.SUSPENSION_STATE_ = 1"
            + " and ((RES.EXCLUSIVE_ = true and not exists(select J2.ID_ from ACT_RU_JOB J2"
            + " where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)"
            + " and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= ?))) or RES.EXCLUSIVE_ = false)"
            + " order by RES.TYPE_ desc, RES.DUEDATE_ asc LIMIT 10 OFFSET 0";

    /** The same for a server-side {@code prepare name(timestamp, timestamp, timestamp) as …}. */
    public static final String PREPARED = SQL.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2")
            .replaceFirst("\\?", "\\$3");

    private AcquisitionQuery() {
    }
}
