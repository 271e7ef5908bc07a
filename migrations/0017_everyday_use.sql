-- Everyday use (issue #11).
--
-- 1. A draft can be saved before the five Filter 1 questions are answered: the answers become
--    nullable, and only a draft may hold an unanswered one (presenting needs every answer "yes",
--    which the API checks at submit).
alter table situation
  alter column filter1_agency_exhausted_options drop not null,
  alter column filter1_significant_interest drop not null,
  alter column filter1_probability_of_harm drop not null,
  alter column filter1_severity_of_harm drop not null,
  alter column filter1_multiple_agencies_needed drop not null,
  add constraint situation_filter1_answered check (
    stage = 'draft' or (
      filter1_agency_exhausted_options is not null and filter1_significant_interest is not null
      and filter1_probability_of_harm is not null and filter1_severity_of_harm is not null
      and filter1_multiple_agencies_needed is not null
    )
  );

-- 2. Concluding a situation with no first contact recorded needs a reason from a code list.
alter table code drop constraint code_list_check;
alter table code add constraint code_list_check check (list in (
  'situation_type', 'age_band', 'gender', 'risk_category', 'risk_factor',
  'protective_factor', 'study_flag', 'rejection_reason', 'conclusion_reason', 'sector',
  'no_contact_reason'
));

insert into code (list, code, sort_order, label_en, label_fr) values
  ('no_contact_reason', 'unable_to_locate', 1, 'Person could not be located', 'Personne introuvable'),
  ('no_contact_reason', 'moved_away', 2, 'Moved out of the area', 'Départ de la région'),
  ('no_contact_reason', 'risk_resolved', 3, 'Risk resolved before contact', 'Risque écarté avant le contact'),
  ('no_contact_reason', 'already_connected', 4, 'Already connected to services before contact', 'Déjà en lien avec des services avant le contact'),
  ('no_contact_reason', 'in_custody_or_care', 5, 'In custody, in hospital or in residential care', 'En détention, à l’hôpital ou en établissement'),
  ('no_contact_reason', 'deceased', 6, 'Deceased', 'Décès'),
  ('no_contact_reason', 'other', 7, 'Other', 'Autre');

alter table situation
  add column no_contact_reason text,
  add constraint situation_no_contact_reason check (
    no_contact_reason is null or (stage = 'closed' and first_contact_at is null)
  );
alter table meeting_decision add column no_contact_reason text;

-- 3. Typographic apostrophes in the labels of the code lists (l’enfance, d’alcool, others’).
update code
   set label_en = replace(label_en, '''', '’'),
       label_fr = replace(label_fr, '''', '’'),
       updated_at = now()
 where label_en like '%''%' or label_fr like '%''%';
