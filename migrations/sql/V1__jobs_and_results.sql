-- Sim2Word schema, version 1: jobs, their results, evaluations and their summaries.
-- States and names are the lower-case wire names of org.sim2word.common.

-- Uploaded faces, content-addressed: id is the SHA-256 of the bytes.
create table image (
    id           text primary key check (id ~ '^[0-9a-f]{64}$'),
    object_key   text not null,
    content_type text not null,
    width        int  not null check (width > 0),
    height       int  not null check (height > 0),
    bytes        bigint not null check (bytes > 0),
    created_at   timestamptz not null default now()
);

-- A labelled pair list submitted as one evaluation (method §4.2).
create table evaluation (
    id         uuid primary key,
    name       text,
    options    jsonb not null,
    pair_count int not null check (pair_count > 0),
    created_at timestamptz not null default now()
);

create table job (
    id            uuid primary key,
    kind          text not null check (kind in ('pair')),
    state         text not null check (state in ('queued', 'running', 'succeeded', 'failed')),
    evaluation_id uuid references evaluation (id) on delete cascade,
    pair_index    int,
    label         smallint check (label in (0, 1)),      -- 1 = same person (mated), 0 = different people
    image_a       text not null references image (id),
    image_b       text not null references image (id),
    options       jsonb not null,
    error         text,                                  -- why the job failed, in words
    progress      text,                                  -- the stage a running job is in
    attempts      int  not null default 0,               -- deliveries to a worker so far
    worker        text,                                  -- the worker that ran the last attempt
    created_at    timestamptz not null default now(),
    enqueued_at   timestamptz,                           -- set once Kafka acknowledged the job's message
    started_at    timestamptz,
    finished_at   timestamptz,
    updated_at    timestamptz not null default now(),
    unique (evaluation_id, pair_index),
    check ((evaluation_id is null) = (pair_index is null))
);
create index job_by_evaluation on job (evaluation_id);
-- Jobs whose message may not have reached Kafka: the gateway republishes them.
create index job_unpublished on job (created_at) where enqueued_at is null and state = 'queued';

-- The full result of a succeeded pair job, in the PairExplanation schema.
create table pair_result (
    job_id     uuid primary key references job (id) on delete cascade,
    similarity double precision not null,                -- s0
    result     jsonb not null,
    created_at timestamptz not null default now()
);

-- One row per explained direction: the probe face is erased and compared with the counter face.
create table direction_result (
    job_id                    uuid not null references pair_result (job_id) on delete cascade,
    probe                     char(1) not null check (probe in ('a', 'b')),
    similarity                double precision not null, -- s0
    best_score                double precision,          -- the highest eligible s_i; null when none is eligible
    most_characteristic       text,                      -- the first valid word; null when none is valid
    same_identity             boolean not null,
    counterfactual_degenerate boolean not null,
    primary key (job_id, probe)
);

create table attribute_score (
    job_id          uuid not null,
    probe           char(1) not null,
    attribute       text not null,
    word            text not null,
    model           text not null,
    class_index     int not null,
    probability     double precision not null,
    eligible        boolean not null,
    score           double precision not null,           -- s_i: erased probe vs original counter face
    self_score      double precision not null,           -- erased probe vs original probe
    both_masked     double precision,                    -- both faces erased by their own mask i
    erased_fraction double precision not null,
    rank            int,                                 -- position among eligible attributes; null if not eligible
    valid           boolean not null,                    -- s_i > s0
    primary key (job_id, probe, attribute),
    foreign key (job_id, probe) references direction_result (job_id, probe) on delete cascade
);

create table heatmap (
    job_id      uuid not null references pair_result (job_id) on delete cascade,
    probe       char(1) not null,
    kind        text not null,
    attribute   text not null default '',                -- '' for the identity maps
    raw_key     text not null,
    overlay_key text not null,
    width       int not null,
    height      int not null,
    primary key (job_id, probe, kind, attribute)
);

-- Written by the aggregator once every job of an evaluation is final.
create table evaluation_summary (
    evaluation_id uuid primary key references evaluation (id) on delete cascade,
    pairs         int not null,
    succeeded     int not null,
    failed        int not null,
    mated         int not null,
    non_mated     int not null,
    auc_before    double precision,                      -- verification ROC AUC on s0
    auc_after     double precision,                      -- after erasing the most representative attribute
    tpr_at_fpr    jsonb not null,                        -- {"before": {"0.001": tpr, ...}, "after": {...}}
    computed_at   timestamptz not null default now()
);

create table evaluation_top_attribute (
    evaluation_id uuid not null references evaluation (id) on delete cascade,
    rank          int not null,
    attribute     text not null,
    word          text not null,
    most_count    int not null,                          -- directions where it was the most characteristic
    top5_count    int not null,                          -- directions where it was among the first five
    mean_delta    double precision not null,             -- mean s_i − s0 where it was eligible
    primary key (evaluation_id, rank)
);

-- For dashboards: how far each evaluation has come.
create view evaluation_progress as
select e.id as evaluation_id,
       e.name,
       e.pair_count,
       count(j.id) filter (where j.state = 'queued')    as queued,
       count(j.id) filter (where j.state = 'running')   as running,
       count(j.id) filter (where j.state = 'succeeded') as succeeded,
       count(j.id) filter (where j.state = 'failed')    as failed,
       e.created_at,
       max(j.finished_at)                               as last_finished_at
from evaluation e
left join job j on j.evaluation_id = e.id
group by e.id;

-- For dashboards: one row per explained direction with its pair's label.
create view direction_scores as
select j.evaluation_id, j.pair_index, j.label, d.job_id, d.probe, d.similarity, d.best_score,
       d.most_characteristic, d.same_identity, d.counterfactual_degenerate
from direction_result d
join job j on j.id = d.job_id;
