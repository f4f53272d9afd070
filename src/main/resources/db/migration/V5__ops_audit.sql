-- Operations audit: Camunda deployments carry no user, and migrations leave no record of who ran them.

create table ops_deployments (
    deployment_id  varchar(64)  primary key,
    deployed_by    varchar(64)  not null,
    deployed_at    timestamp with time zone not null,
    -- start-up, redeploy, upload <file>, watch
    source         varchar(200) not null
);

create table ops_migrations (
    batch_id              varchar(64)  primary key,
    source_definition_id  varchar(100) not null,
    target_definition_id  varchar(100) not null,
    instances             integer      not null,
    migrated_by           varchar(64)  not null,
    migrated_at           timestamp with time zone not null
);
create index ix_ops_migrations_at on ops_migrations (migrated_at);

-- the handoffs each migration moved
create table ops_migrated_handoffs (
    batch_id    varchar(64) not null references ops_migrations (batch_id),
    handoff_id  varchar(64) not null,
    primary key (batch_id, handoff_id)
);
