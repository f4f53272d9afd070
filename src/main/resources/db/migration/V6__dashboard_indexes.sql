-- Issue 6, dashboard speed: the SLA figures read one team's clocks over a start-time range, so the
-- range scan skips the other teams' rows (plain composite index: H2 has no INCLUDE columns).
create index ix_sla_clocks_team_started on sla_clocks (team, started_at);
