-- What already reached a neighbour (the SMTP server took a mail, the CRM took a lead), written in its
-- own transaction the moment it was accepted: a step that fails afterwards and is retried finds it
-- here and does not deliver it again. delivery_key is a SHA-256 of what was delivered to whom.
create table deliveries (
    delivery_key  varchar(64)  primary key,
    channel       varchar(10)  not null,
    summary       varchar(500) not null,
    delivered_at  timestamp with time zone not null
);
