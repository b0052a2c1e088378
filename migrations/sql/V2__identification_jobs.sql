-- Version 2: identification jobs (one face, uncertainty after erasing each attribute; method §4.5).

alter table job drop constraint job_kind_check;
alter table job add constraint job_kind_check check (kind in ('pair', 'identify'));
alter table job alter column image_b drop not null;
alter table job add constraint job_pair_has_two_faces check (kind <> 'pair' or image_b is not null);

-- Maps belong to a job of either kind: point the heatmap rows at the job itself.
alter table heatmap drop constraint heatmap_job_id_fkey;
alter table heatmap add constraint heatmap_job_id_fkey foreign key (job_id) references job (id) on delete cascade;

-- The full result of a succeeded identification job, in the IdentificationExplanation schema.
create table identification_result (
    job_id                uuid primary key references job (id) on delete cascade,
    predicted_class       int not null,
    predicted_label       text not null,
    predicted_probability double precision not null,
    uncertainty           double precision not null,     -- u of the face as it is
    uncertainty_model     text not null,
    substitute            boolean not null,              -- u from the labelled stand-in, not an evidential net
    result                jsonb not null,
    created_at            timestamptz not null default now()
);

create table attribute_uncertainty (
    job_id          uuid not null references identification_result (job_id) on delete cascade,
    attribute       text not null,
    word            text not null,
    model           text not null,
    class_index     int not null,
    probability     double precision not null,
    eligible        boolean not null,
    selected        boolean not null,                   -- eligible and confident: on the chart
    uncertainty     double precision not null,          -- u after erasing the attribute's region
    delta           double precision not null,          -- uncertainty − u of the original face
    erased_fraction double precision not null,
    rank            int not null,                       -- 1 = raises the uncertainty most
    primary key (job_id, attribute)
);

-- For dashboards: which words identifications rest on, over every succeeded identification job.
create view uncertainty_by_word as
select a.word,
       r.uncertainty_model,
       r.substitute,
       count(*)                               as faces,
       count(*) filter (where a.selected)     as selected,
       count(*) filter (where a.rank = 1)     as ranked_first,
       avg(a.delta)                           as mean_delta,
       avg(a.rank)                            as mean_rank
from attribute_uncertainty a
join identification_result r on r.job_id = a.job_id
group by a.word, r.uncertainty_model, r.substitute;
