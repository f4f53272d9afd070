-- Daily pre-aggregated SLA figures for the dashboard (dashboard/SlaRollup). Only clocks that have
-- ended are rolled up: an ended clock never changes again. Running clocks are always read live.

-- clocks that ended and are not counted in the rollup yet; SlaClocks adds a row in the same
-- transaction that ends a clock, the rollup's catch-up moves them into the daily rows
create table sla_rollup_queue (
    clock_id  bigint primary key
);
insert into sla_rollup_queue (clock_id) select id from sla_clocks where ended_at is not null;

-- one row; the catch-up and rebuild lock it so only one node at a time writes the rollup
create table sla_rollup_lock (
    id         integer primary key,
    rolled_at  timestamp with time zone
);
insert into sla_rollup_lock (id) values (1);

-- the time zone each team's local days were counted in (a changed zone rebuilds that team)
create table sla_rollup_teams (
    team       varchar(40) primary key,
    time_zone  varchar(60) not null
);

-- per team, local day (in the team's zone) of the clock's start, assignee ('' for none), kind and
-- whether it is a later discovery-call attempt: counters of ended clocks. The handoff counters count
-- a clock only when it is the first of its handoff (or of its handoff and rep) with that property,
-- so they add up across days; sla_rollup_repeats corrects the few that cross a period's edge.
create table sla_daily_rollup (
    team              varchar(40) not null,
    local_day         date        not null,
    assignee          varchar(64) not null,
    kind              varchar(20) not null,
    later_attempt     boolean     not null,
    clocks            bigint      not null,
    met               bigint      not null,
    breached          bigint      not null,
    handoffs          bigint      not null,
    accepted          bigint      not null,
    accepted_in_time  bigint      not null,
    rep_handoffs      bigint      not null,
    rep_accepted      bigint      not null,
    primary key (team, local_day, assignee, kind, later_attempt)
);

-- minutes to accept of decided accept clocks as a histogram per team, day and rep: buckets of 1 s
-- below a minute, then 2 % wide; each keeps its count and its smallest and largest value
create table sla_daily_accept_minutes (
    team         varchar(40)      not null,
    local_day    date             not null,
    assignee     varchar(64)      not null,
    bucket       integer          not null,
    n            bigint           not null,
    min_minutes  double precision not null,
    max_minutes  double precision not null,
    primary key (team, local_day, assignee, bucket)
);

-- the same histograms per calendar month (month_start is its first day): a long period reads its
-- whole months from here and only its partial months at the edges day by day
create table sla_monthly_accept_minutes (
    team         varchar(40)      not null,
    month_start  date             not null,
    assignee     varchar(64)      not null,
    bucket       integer          not null,
    n            bigint           not null,
    min_minutes  double precision not null,
    max_minutes  double precision not null,
    primary key (team, month_start, assignee, bucket)
);

-- accept clocks that are not the first of their handoff (reassigned, re-routed): the handoff's
-- distinct counts are recomputed from the raw clocks for these when one falls in a period
create table sla_rollup_repeats (
    clock_id    bigint      primary key,
    handoff_id  varchar(64) not null,
    team        varchar(40) not null,
    local_day   date        not null
);
create index ix_sla_rollup_repeats_day on sla_rollup_repeats (team, local_day);

-- the live part of a summary: clocks still running in a team's period
create index ix_sla_clocks_open on sla_clocks (ended_at, team, started_at);

-- the funnel and time in stage read the stage changes of a period
create index ix_lead_stage_history_at on lead_stage_history (at);
