-- Daily pre-aggregated stage changes for the dashboard's funnel and time in stage
-- (dashboard/StageRollup, caught up with the SLA rollup under the same lock row, sla_rollup_lock).
-- A stage change never changes once written, so every row can be rolled up; only the lead's team
-- is read when the row is rolled up.

-- stage changes not counted in the rollup yet; Leads.appendHistory adds a row in the same
-- transaction that writes the change, the catch-up moves them into the daily rows
create table stage_rollup_queue (
    history_id  bigint primary key
);
insert into stage_rollup_queue (history_id) select id from lead_stage_history;

-- the time zone each team's local days were counted in (a changed zone rebuilds that team)
create table stage_rollup_teams (
    team       varchar(40) primary key,
    time_zone  varchar(60) not null
);

-- per team, local day (in the team's zone) of the change, stage and reason ('' for none):
-- how many changes entered the stage, and how many of them were the lead's first entry into it
-- (so the distinct leads add up across days; stage_rollup_repeats corrects the rest)
create table stage_daily_entries (
    team        varchar(40)  not null,
    local_day   date         not null,
    stage       varchar(20)  not null,
    reason      varchar(255) not null,
    entries     bigint       not null,
    firsts      bigint       not null,
    primary key (team, local_day, stage, reason)
);

-- entries into MQL, SAL or SQL that are not the lead's first into that stage (a recycled lead
-- qualifying again), with when the first was: a period counts such a lead once, when its first
-- entry lies outside the period
create table stage_rollup_repeats (
    history_id  bigint                   primary key,
    lead_id     varchar(64)              not null,
    stage       varchar(20)              not null,
    team        varchar(40)              not null,
    at          timestamp with time zone not null,
    first_at    timestamp with time zone not null
);
create index ix_stage_rollup_repeats_at on stage_rollup_repeats (team, at);

-- minutes a lead spent in MQL or SAL before its next stage change, as a histogram per team, local
-- day of entering the stage and stage (the buckets of MinutesHistogram: 1 s below a minute, then
-- 2 % wide), and the same per calendar month for the whole months of a long period
create table stage_daily_minutes (
    team         varchar(40)      not null,
    local_day    date             not null,
    stage        varchar(20)      not null,
    bucket       integer          not null,
    n            bigint           not null,
    min_minutes  double precision not null,
    max_minutes  double precision not null,
    primary key (team, local_day, stage, bucket)
);
create table stage_monthly_minutes (
    team         varchar(40)      not null,
    month_start  date             not null,
    stage        varchar(20)      not null,
    bucket       integer          not null,
    n            bigint           not null,
    min_minutes  double precision not null,
    max_minutes  double precision not null,
    primary key (team, month_start, stage, bucket)
);

-- the funnel's reject reasons: per team and local day of the accept clock's start, how many ended
-- accept clocks a rep declined with each outcome (kept by SlaRollup with the other clock counters)
create table sla_daily_rejections (
    team       varchar(40) not null,
    local_day  date        not null,
    outcome    varchar(40) not null,
    n          bigint      not null,
    primary key (team, local_day, outcome)
);
-- the SLA rollup built so far has no rejections: forgetting its teams' zones makes the next
-- catch-up rebuild each team (until then SlaFigures reads those teams from the raw clocks)
delete from sla_rollup_teams;
