-- The code lists ("taxonomy"): situation types, age bands, genders, risk categories and factors,
-- protective factors, study flags, rejection and conclusion reasons, agency sectors. Administrators
-- will add codes, relabel them and retire them; a code is never deleted or renamed, because
-- situations and statistics keep referring to it.
--
-- Design: one table `code` with a `list` column, not a `code_list` table beside it. The set of lists
-- is closed and belongs to the code (each list feeds a particular field of a situation or an
-- agency), so it is a check constraint mirroring `codeListNames` in @fourfold/shared/taxonomy; a
-- table of lists would suggest that an administrator can add one. One table gives one way to edit,
-- retire and relabel any code, and its key (list, code) lets another table reference a code of one
-- particular list with a foreign key.
--
-- A risk factor belongs to a risk category: category_code names it, and the generated column
-- category_list (always 'risk_category' for a factor, null otherwise) makes the foreign key point
-- into the right list. A conclusion reason says whether the overall risk was lowered.
--
-- retired_at set: kept for history and shown on old records, but no longer offered for new data.
-- sort_order: the position in its list (risk factors: across all factors, which also orders them
-- within their category). The defaults below follow the order of the project's reference lists.

create table code (
  list text not null check (list in (
    'situation_type', 'age_band', 'gender', 'risk_category', 'risk_factor',
    'protective_factor', 'study_flag', 'rejection_reason', 'conclusion_reason', 'sector'
  )),
  code text not null check (code ~ '^[a-z0-9][a-z0-9_.]*$' and length(code) <= 100),
  label_en text not null check (length(label_en) between 1 and 300 and label_en = btrim(label_en)),
  label_fr text not null check (length(label_fr) between 1 and 300 and label_fr = btrim(label_fr)),
  sort_order integer not null check (sort_order >= 0),
  category_code text,
  category_list text generated always as (
    case when category_code is not null then 'risk_category' end
  ) stored,
  risk_lowered boolean,
  retired_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (list, code),
  foreign key (category_list, category_code) references code (list, code),
  check ((list = 'risk_factor') = (category_code is not null)),
  check ((list = 'conclusion_reason') = (risk_lowered is not null))
);

-- Two codes on offer in the same list may not share a label: a form could not tell them apart.
create unique index code_label_en_unique on code (list, lower(label_en)) where retired_at is null;
create unique index code_label_fr_unique on code (list, lower(label_fr)) where retired_at is null;

-- Situation types.
insert into code (list, code, sort_order, label_en, label_fr) values
  ('situation_type', 'individual', 1, 'Individual', 'Personne'),
  ('situation_type', 'family', 2, 'Family', 'Famille'),
  ('situation_type', 'group', 3, 'Group', 'Groupe'),
  ('situation_type', 'location', 4, 'Location', 'Lieu');

-- Age bands.
insert into code (list, code, sort_order, label_en, label_fr) values
  ('age_band', '0_5', 1, '0–5', '0 à 5 ans'),
  ('age_band', '6_11', 2, '6–11', '6 à 11 ans'),
  ('age_band', '12_15', 3, '12–15', '12 à 15 ans'),
  ('age_band', '16_17', 4, '16–17', '16 et 17 ans'),
  ('age_band', '18_24', 5, '18–24', '18 à 24 ans'),
  ('age_band', '25_29', 6, '25–29', '25 à 29 ans'),
  ('age_band', '30_39', 7, '30–39', '30 à 39 ans'),
  ('age_band', '40_59', 8, '40–59', '40 à 59 ans'),
  ('age_band', '60_plus', 9, '60+', '60 ans et plus'),
  ('age_band', 'multiple', 10, 'Multiple ages', 'Plusieurs âges'),
  ('age_band', 'unknown', 11, 'Unknown', 'Inconnu');

-- Genders.
insert into code (list, code, sort_order, label_en, label_fr) values
  ('gender', 'female', 1, 'Female', 'Femme'),
  ('gender', 'male', 2, 'Male', 'Homme'),
  ('gender', 'another', 3, 'Another gender identity', 'Autre identité de genre'),
  ('gender', 'multiple', 4, 'Multiple (family or group)', 'Plusieurs (famille ou groupe)'),
  ('gender', 'not_applicable', 5, 'Not applicable (location)', 'Sans objet (lieu)'),
  ('gender', 'unknown', 6, 'Unknown', 'Inconnu');

-- Risk categories.
insert into code (list, code, sort_order, label_en, label_fr) values
  ('risk_category', 'alcohol', 1, 'Alcohol', 'Alcool'),
  ('risk_category', 'antisocial', 2, 'Antisocial/Negative Behaviour', 'Comportement antisocial ou négatif'),
  ('risk_category', 'basic_needs', 3, 'Basic Needs', 'Besoins fondamentaux'),
  ('risk_category', 'cognitive', 4, 'Cognitive Functioning', 'Fonctionnement cognitif'),
  ('risk_category', 'victimization', 5, 'Crime Victimization', 'Victimisation criminelle'),
  ('risk_category', 'criminal', 6, 'Criminal Involvement', 'Activités criminelles'),
  ('risk_category', 'drugs', 7, 'Drugs', 'Drogues'),
  ('risk_category', 'elder_abuse', 8, 'Elder Abuse', 'Mauvais traitements envers les personnes âgées'),
  ('risk_category', 'emotional_violence', 9, 'Emotional Violence', 'Violence psychologique'),
  ('risk_category', 'gambling', 10, 'Gambling', 'Jeux de hasard et d''argent'),
  ('risk_category', 'gangs', 11, 'Gangs', 'Gangs'),
  ('risk_category', 'housing', 12, 'Housing', 'Logement'),
  ('risk_category', 'mental_health', 13, 'Mental Health', 'Santé mentale'),
  ('risk_category', 'missing_school', 14, 'Missing School', 'Absentéisme scolaire'),
  ('risk_category', 'missing_runaway', 15, 'Missing/Runaway', 'Disparition ou fugue'),
  ('risk_category', 'negative_peers', 16, 'Negative Peers', 'Influence négative des pairs'),
  ('risk_category', 'parenting', 17, 'Parenting', 'Rôle parental'),
  ('risk_category', 'physical_health', 18, 'Physical Health', 'Santé physique'),
  ('risk_category', 'physical_violence', 19, 'Physical Violence', 'Violence physique'),
  ('risk_category', 'poverty', 20, 'Poverty', 'Pauvreté'),
  ('risk_category', 'self_harm', 21, 'Self-Harm', 'Automutilation'),
  ('risk_category', 'sexual_violence', 22, 'Sexual Violence', 'Violence sexuelle'),
  ('risk_category', 'social_environment', 23, 'Social Environment', 'Milieu social'),
  ('risk_category', 'suicide', 24, 'Suicide', 'Suicide'),
  ('risk_category', 'supervision', 25, 'Supervision', 'Surveillance'),
  ('risk_category', 'public_safety', 26, 'Threat to Public Health & Safety', 'Menace pour la santé et la sécurité publiques'),
  ('risk_category', 'unemployment', 27, 'Unemployment', 'Chômage');

-- Risk factors: "Category – descriptor", each with its category.
insert into code (list, code, category_code, sort_order, label_en, label_fr) values
  ('risk_factor', 'alcohol.use', 'alcohol', 1, 'Alcohol – alcohol use by person', 'Alcool – consommation d''alcool par la personne'),
  ('risk_factor', 'alcohol.abuse', 'alcohol', 2, 'Alcohol – alcohol abuse by person', 'Alcool – abus d''alcool par la personne'),
  ('risk_factor', 'alcohol.abuse_in_home', 'alcohol', 3, 'Alcohol – alcohol abuse in the home', 'Alcool – abus d''alcool au foyer'),
  ('risk_factor', 'antisocial.person', 'antisocial', 4, 'Antisocial/Negative Behaviour – person exhibiting antisocial/negative behaviour', 'Comportement antisocial ou négatif – personne ayant un comportement antisocial ou négatif'),
  ('risk_factor', 'antisocial.in_home', 'antisocial', 5, 'Antisocial/Negative Behaviour – antisocial/negative behaviour within the home', 'Comportement antisocial ou négatif – comportement antisocial ou négatif au foyer'),
  ('risk_factor', 'antisocial.threats', 'antisocial', 6, 'Antisocial/Negative Behaviour – threatening or intimidating behaviour', 'Comportement antisocial ou négatif – comportement menaçant ou intimidant'),
  ('risk_factor', 'basic_needs.own', 'basic_needs', 7, 'Basic Needs – person unable to meet own basic needs', 'Besoins fondamentaux – personne incapable de subvenir à ses propres besoins fondamentaux'),
  ('risk_factor', 'basic_needs.others', 'basic_needs', 8, 'Basic Needs – person neglecting others'' basic needs', 'Besoins fondamentaux – personne qui néglige les besoins fondamentaux d''autrui'),
  ('risk_factor', 'cognitive.diagnosed', 'cognitive', 9, 'Cognitive Functioning – diagnosed cognitive impairment', 'Fonctionnement cognitif – déficience cognitive diagnostiquée'),
  ('risk_factor', 'cognitive.suspected', 'cognitive', 10, 'Cognitive Functioning – suspected cognitive impairment', 'Fonctionnement cognitif – déficience cognitive présumée'),
  ('risk_factor', 'victimization.assault', 'victimization', 11, 'Crime Victimization – assault', 'Victimisation criminelle – voies de fait'),
  ('risk_factor', 'victimization.break_enter', 'victimization', 12, 'Crime Victimization – break and enter', 'Victimisation criminelle – introduction par effraction'),
  ('risk_factor', 'victimization.robbery', 'victimization', 13, 'Crime Victimization – robbery', 'Victimisation criminelle – vol qualifié'),
  ('risk_factor', 'victimization.theft', 'victimization', 14, 'Crime Victimization – theft', 'Victimisation criminelle – vol'),
  ('risk_factor', 'victimization.exploitation', 'victimization', 15, 'Crime Victimization – exploitation or trafficking', 'Victimisation criminelle – exploitation ou traite de personnes'),
  ('risk_factor', 'victimization.other', 'victimization', 16, 'Crime Victimization – other victimization', 'Victimisation criminelle – autre forme de victimisation'),
  ('risk_factor', 'criminal.assault', 'criminal', 17, 'Criminal Involvement – assault', 'Activités criminelles – voies de fait'),
  ('risk_factor', 'criminal.break_enter', 'criminal', 18, 'Criminal Involvement – break and enter', 'Activités criminelles – introduction par effraction'),
  ('risk_factor', 'criminal.drugs', 'criminal', 19, 'Criminal Involvement – drug offences', 'Activités criminelles – infractions liées aux drogues'),
  ('risk_factor', 'criminal.theft', 'criminal', 20, 'Criminal Involvement – theft', 'Activités criminelles – vol'),
  ('risk_factor', 'criminal.robbery', 'criminal', 21, 'Criminal Involvement – robbery', 'Activités criminelles – vol qualifié'),
  ('risk_factor', 'criminal.weapons', 'criminal', 22, 'Criminal Involvement – weapons', 'Activités criminelles – infractions liées aux armes'),
  ('risk_factor', 'criminal.mischief', 'criminal', 23, 'Criminal Involvement – mischief or vandalism', 'Activités criminelles – méfait ou vandalisme'),
  ('risk_factor', 'criminal.breach', 'criminal', 24, 'Criminal Involvement – breach of conditions', 'Activités criminelles – manquement aux conditions'),
  ('risk_factor', 'criminal.other', 'criminal', 25, 'Criminal Involvement – other criminal involvement', 'Activités criminelles – autre activité criminelle'),
  ('risk_factor', 'drugs.use', 'drugs', 26, 'Drugs – drug use by person', 'Drogues – consommation de drogues par la personne'),
  ('risk_factor', 'drugs.abuse', 'drugs', 27, 'Drugs – drug abuse by person', 'Drogues – abus de drogues par la personne'),
  ('risk_factor', 'drugs.abuse_in_home', 'drugs', 28, 'Drugs – drug abuse in the home', 'Drogues – abus de drogues au foyer'),
  ('risk_factor', 'drugs.overdose', 'drugs', 29, 'Drugs – overdose risk', 'Drogues – risque de surdose'),
  ('risk_factor', 'elder_abuse.victim', 'elder_abuse', 30, 'Elder Abuse – person victim of elder abuse', 'Mauvais traitements envers les personnes âgées – personne âgée victime de mauvais traitements'),
  ('risk_factor', 'elder_abuse.perpetrator', 'elder_abuse', 31, 'Elder Abuse – person perpetrator of elder abuse', 'Mauvais traitements envers les personnes âgées – personne auteure de mauvais traitements envers une personne âgée'),
  ('risk_factor', 'emotional_violence.victim', 'emotional_violence', 32, 'Emotional Violence – person victim of emotional violence', 'Violence psychologique – personne victime de violence psychologique'),
  ('risk_factor', 'emotional_violence.perpetrator', 'emotional_violence', 33, 'Emotional Violence – person perpetrator of emotional violence', 'Violence psychologique – personne auteure de violence psychologique'),
  ('risk_factor', 'emotional_violence.in_home', 'emotional_violence', 34, 'Emotional Violence – emotional violence in the home', 'Violence psychologique – violence psychologique au foyer'),
  ('risk_factor', 'gambling.no_harm', 'gambling', 35, 'Gambling – chronic gambling by person (no harm caused)', 'Jeux de hasard et d''argent – pratique chronique du jeu par la personne (sans préjudice causé)'),
  ('risk_factor', 'gambling.harm_self', 'gambling', 36, 'Gambling – chronic gambling causing harm to self', 'Jeux de hasard et d''argent – pratique chronique du jeu causant un préjudice à la personne elle-même'),
  ('risk_factor', 'gambling.harm_others', 'gambling', 37, 'Gambling – chronic gambling causes harm to others', 'Jeux de hasard et d''argent – pratique chronique du jeu causant un préjudice à autrui'),
  ('risk_factor', 'gangs.association', 'gangs', 38, 'Gangs – association with a gang', 'Gangs – fréquentation d''un gang'),
  ('risk_factor', 'gangs.member', 'gangs', 39, 'Gangs – gang membership', 'Gangs – appartenance à un gang'),
  ('risk_factor', 'gangs.exploitation', 'gangs', 40, 'Gangs – exploited by a gang', 'Gangs – exploitation par un gang'),
  ('risk_factor', 'housing.homeless', 'housing', 41, 'Housing – transient or homeless', 'Logement – sans domicile fixe ou en situation d''itinérance'),
  ('risk_factor', 'housing.unsafe', 'housing', 42, 'Housing – unsafe or inadequate housing', 'Logement – logement dangereux ou inadéquat'),
  ('risk_factor', 'housing.eviction', 'housing', 43, 'Housing – at risk of eviction', 'Logement – risque d''expulsion'),
  ('risk_factor', 'housing.hoarding', 'housing', 44, 'Housing – unhealthy living conditions or hoarding', 'Logement – conditions de vie insalubres ou accumulation compulsive'),
  ('risk_factor', 'mental_health.diagnosed', 'mental_health', 45, 'Mental Health – diagnosed mental health problem', 'Santé mentale – problème de santé mentale diagnostiqué'),
  ('risk_factor', 'mental_health.suspected', 'mental_health', 46, 'Mental Health – suspected mental health problem', 'Santé mentale – problème de santé mentale présumé'),
  ('risk_factor', 'mental_health.not_following_treatment', 'mental_health', 47, 'Mental Health – not following mental health treatment', 'Santé mentale – non-respect du traitement en santé mentale'),
  ('risk_factor', 'mental_health.crisis', 'mental_health', 48, 'Mental Health – current mental health crisis', 'Santé mentale – crise de santé mentale en cours'),
  ('risk_factor', 'missing_school.truancy', 'missing_school', 49, 'Missing School – truancy', 'Absentéisme scolaire – absences non motivées'),
  ('risk_factor', 'missing_school.chronic_absence', 'missing_school', 50, 'Missing School – chronic absenteeism', 'Absentéisme scolaire – absentéisme chronique'),
  ('risk_factor', 'missing_school.not_enrolled', 'missing_school', 51, 'Missing School – not enrolled or excluded from school', 'Absentéisme scolaire – non-inscription à l''école ou exclusion de l''école'),
  ('risk_factor', 'missing_runaway.missing', 'missing_runaway', 52, 'Missing/Runaway – missing person', 'Disparition ou fugue – personne disparue'),
  ('risk_factor', 'missing_runaway.runaway', 'missing_runaway', 53, 'Missing/Runaway – runaway', 'Disparition ou fugue – fugue'),
  ('risk_factor', 'negative_peers.associating', 'negative_peers', 54, 'Negative Peers – associating with negative peers', 'Influence négative des pairs – fréquentation de pairs ayant une influence négative'),
  ('risk_factor', 'parenting.conflict', 'parenting', 55, 'Parenting – parent-child conflict', 'Rôle parental – conflit parent-enfant'),
  ('risk_factor', 'parenting.inadequate', 'parenting', 56, 'Parenting – inadequate parenting', 'Rôle parental – compétences parentales inadéquates'),
  ('risk_factor', 'parenting.caregiver_unable', 'parenting', 57, 'Parenting – caregiver unable to cope', 'Rôle parental – personne responsable incapable de faire face à la situation'),
  ('risk_factor', 'physical_health.chronic', 'physical_health', 58, 'Physical Health – chronic or untreated physical condition', 'Santé physique – problème de santé physique chronique ou non traité'),
  ('risk_factor', 'physical_health.not_following_treatment', 'physical_health', 59, 'Physical Health – not following physical health treatment', 'Santé physique – non-respect du traitement en santé physique'),
  ('risk_factor', 'physical_health.disability', 'physical_health', 60, 'Physical Health – physical disability affecting safety', 'Santé physique – handicap physique compromettant la sécurité'),
  ('risk_factor', 'physical_health.pregnancy', 'physical_health', 61, 'Physical Health – high-risk pregnancy', 'Santé physique – grossesse à risque élevé'),
  ('risk_factor', 'physical_violence.victim', 'physical_violence', 62, 'Physical Violence – person victim of physical violence', 'Violence physique – personne victime de violence physique'),
  ('risk_factor', 'physical_violence.perpetrator', 'physical_violence', 63, 'Physical Violence – person perpetrator of physical violence', 'Violence physique – personne auteure de violence physique'),
  ('risk_factor', 'physical_violence.in_home', 'physical_violence', 64, 'Physical Violence – physical violence in the home', 'Violence physique – violence physique au foyer'),
  ('risk_factor', 'poverty.inadequate_finances', 'poverty', 65, 'Poverty – person living in less than adequate financial situation', 'Pauvreté – personne vivant dans une situation financière inadéquate'),
  ('risk_factor', 'self_harm.current', 'self_harm', 66, 'Self-Harm – person self-harming', 'Automutilation – personne qui s''automutile'),
  ('risk_factor', 'self_harm.history', 'self_harm', 67, 'Self-Harm – history of self-harm', 'Automutilation – antécédents d''automutilation'),
  ('risk_factor', 'sexual_violence.victim', 'sexual_violence', 68, 'Sexual Violence – person victim of sexual violence', 'Violence sexuelle – personne victime de violence sexuelle'),
  ('risk_factor', 'sexual_violence.perpetrator', 'sexual_violence', 69, 'Sexual Violence – person perpetrator of sexual violence', 'Violence sexuelle – personne auteure de violence sexuelle'),
  ('risk_factor', 'sexual_violence.in_home', 'sexual_violence', 70, 'Sexual Violence – sexual violence in the home', 'Violence sexuelle – violence sexuelle au foyer'),
  ('risk_factor', 'social_environment.negative_neighbourhood', 'social_environment', 71, 'Social Environment – negative neighbourhood', 'Milieu social – quartier défavorable'),
  ('risk_factor', 'social_environment.isolation', 'social_environment', 72, 'Social Environment – social isolation', 'Milieu social – isolement social'),
  ('risk_factor', 'social_environment.negative_influence', 'social_environment', 73, 'Social Environment – negative influence of family or associates', 'Milieu social – influence négative de la famille ou des fréquentations'),
  ('risk_factor', 'suicide.current_risk', 'suicide', 74, 'Suicide – person currently at risk of suicide', 'Suicide – personne présentant actuellement un risque de suicide'),
  ('risk_factor', 'suicide.previous_attempt', 'suicide', 75, 'Suicide – previous suicide attempt', 'Suicide – tentative de suicide antérieure'),
  ('risk_factor', 'suicide.affected', 'suicide', 76, 'Suicide – affected by suicide of another', 'Suicide – personne touchée par le suicide d''autrui'),
  ('risk_factor', 'supervision.lacking', 'supervision', 77, 'Supervision – person lacking appropriate supervision', 'Surveillance – personne privée d''une surveillance adéquate'),
  ('risk_factor', 'public_safety.person', 'public_safety', 78, 'Threat to Public Health & Safety – person presenting a threat to public health or safety', 'Menace pour la santé et la sécurité publiques – personne constituant une menace pour la santé ou la sécurité publiques'),
  ('risk_factor', 'public_safety.dwelling', 'public_safety', 79, 'Threat to Public Health & Safety – dwelling presenting a threat to public health or safety', 'Menace pour la santé et la sécurité publiques – habitation constituant une menace pour la santé ou la sécurité publiques'),
  ('risk_factor', 'unemployment.unemployed', 'unemployment', 80, 'Unemployment – person unemployed', 'Chômage – personne sans emploi'),
  ('risk_factor', 'unemployment.chronic', 'unemployment', 81, 'Unemployment – chronic unemployment', 'Chômage – chômage chronique');

-- Protective factors.
insert into code (list, code, sort_order, label_en, label_fr) values
  ('protective_factor', 'supportive_family', 1, 'Supportive family or caregiver', 'Famille ou personne responsable offrant du soutien'),
  ('protective_factor', 'positive_peers', 2, 'Positive peer relationships', 'Relations positives avec les pairs'),
  ('protective_factor', 'engaged_services', 3, 'Already engaged with a service', 'Déjà en lien avec un service'),
  ('protective_factor', 'stable_housing', 4, 'Stable housing', 'Logement stable'),
  ('protective_factor', 'school_or_work', 5, 'Attending school or employed', 'Fréquente l''école ou occupe un emploi'),
  ('protective_factor', 'cultural_connection', 6, 'Cultural or community connection', 'Lien culturel ou communautaire'),
  ('protective_factor', 'motivation', 7, 'Willing to accept help', 'Volonté d''accepter de l''aide'),
  ('protective_factor', 'coping_skills', 8, 'Positive coping skills', 'Capacités d''adaptation positives');

-- Study flags.
insert into code (list, code, sort_order, label_en, label_fr) values
  ('study_flag', 'opioids', 1, 'Opioids', 'Opioïdes'),
  ('study_flag', 'intimate_partner_violence', 2, 'Intimate partner violence', 'Violence entre partenaires intimes'),
  ('study_flag', 'human_trafficking', 3, 'Human trafficking', 'Traite des personnes'),
  ('study_flag', 'firearms', 4, 'Firearms', 'Armes à feu'),
  ('study_flag', 'youth_justice', 5, 'Youth justice involvement', 'Contact avec le système de justice pour la jeunesse');

-- Rejection reasons (filter 2).
insert into code (list, code, sort_order, label_en, label_fr) values
  ('rejection_reason', 'not_aer', 1, 'Not acutely elevated risk', 'Pas de risque aigu élevé'),
  ('rejection_reason', 'single_agency', 2, 'A single agency can mitigate the risk', 'Un seul organisme peut atténuer le risque'),
  ('rejection_reason', 'other', 3, 'Other', 'Autre');

-- Conclusion reasons: overall risk lowered or not.
insert into code (list, code, risk_lowered, sort_order, label_en, label_fr) values
  ('conclusion_reason', 'lowered_connected', true, 1, 'Overall risk lowered – connected to services', 'Risque global réduit – mise en lien avec des services'),
  ('conclusion_reason', 'lowered_informed', true, 2, 'Overall risk lowered – informed of services', 'Risque global réduit – information sur les services transmise'),
  ('conclusion_reason', 'lowered_already_connected', true, 3, 'Overall risk lowered – already connected to services', 'Risque global réduit – déjà en lien avec des services'),
  ('conclusion_reason', 'lowered_other', true, 4, 'Overall risk lowered – other', 'Risque global réduit – autre'),
  ('conclusion_reason', 'still_refused', false, 5, 'Still acutely elevated – refused services', 'Risque aigu élevé persistant – refus des services'),
  ('conclusion_reason', 'still_unable_to_locate', false, 6, 'Still acutely elevated – unable to locate', 'Risque aigu élevé persistant – personne introuvable'),
  ('conclusion_reason', 'still_moved', false, 7, 'Still acutely elevated – moved out of area', 'Risque aigu élevé persistant – déménagement hors de la région'),
  ('conclusion_reason', 'still_transferred', false, 8, 'Still acutely elevated – transferred to a formal system (crisis, enforcement)', 'Risque aigu élevé persistant – transfert vers un système officiel (crise, application de la loi)'),
  ('conclusion_reason', 'still_other', false, 9, 'Still acutely elevated – other', 'Risque aigu élevé persistant – autre');

-- Agency sectors.
insert into code (list, code, sort_order, label_en, label_fr) values
  ('sector', 'police', 1, 'Police', 'Services policiers'),
  ('sector', 'mental_health', 2, 'Mental health', 'Santé mentale'),
  ('sector', 'addictions', 3, 'Addictions', 'Dépendances'),
  ('sector', 'child_welfare', 4, 'Child welfare', 'Bien-être de l''enfance'),
  ('sector', 'education', 5, 'Education', 'Éducation'),
  ('sector', 'housing', 6, 'Housing', 'Logement'),
  ('sector', 'probation_parole', 7, 'Probation and parole', 'Probation et libération conditionnelle'),
  ('sector', 'youth_justice', 8, 'Youth justice', 'Justice pour la jeunesse'),
  ('sector', 'hospital', 9, 'Hospital', 'Hôpital'),
  ('sector', 'public_health', 10, 'Community and public health', 'Santé communautaire et santé publique'),
  ('sector', 'paramedic', 11, 'Paramedic services', 'Services paramédicaux'),
  ('sector', 'fire', 12, 'Fire', 'Services d''incendie'),
  ('sector', 'bylaw', 13, 'Bylaw', 'Application des règlements municipaux'),
  ('sector', 'social_services', 14, 'Income and social services', 'Soutien du revenu et services sociaux'),
  ('sector', 'victim_services', 15, 'Victim services and violence against women', 'Services aux victimes et lutte contre la violence faite aux femmes'),
  ('sector', 'developmental', 16, 'Developmental services', 'Services aux personnes ayant une déficience intellectuelle'),
  ('sector', 'indigenous', 17, 'Indigenous services', 'Services autochtones'),
  ('sector', 'seniors', 18, 'Seniors services', 'Services aux aînés'),
  ('sector', 'employment', 19, 'Employment', 'Emploi'),
  ('sector', 'other', 20, 'Other', 'Autre');
