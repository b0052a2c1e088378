-- Version 3: the model registry. Each worker writes here the models it has installed, so the gateway, which runs no
-- model, can list them over HTTP and check the model names a job chooses.
--
-- A worker announces its models at start-up, one row per model, and removes the rows of models it no longer has:
--   insert into installed_model (name, worker, descriptor, sha256, roles) values (?, ?, ?::jsonb, ?, ?)
--   on conflict (name, worker) do update set descriptor = excluded.descriptor, sha256 = excluded.sha256,
--       roles = excluded.roles, seen_at = now();
--   delete from installed_model where worker = ? and not (name = any(?));

create table installed_model (
    name       text not null,                            -- the registry name, descriptor.name
    worker     text not null,                            -- the worker that has it, named as in job.worker
    descriptor jsonb not null,                           -- the model.json the worker read, as it is
    sha256     text,                                     -- checksum of the model file, descriptor.sha256
    roles      text[] not null default '{}',             -- descriptor.roles: verification, identification, ...
    seen_at    timestamptz not null default now(),       -- when the worker last announced it
    primary key (name, worker)
);
