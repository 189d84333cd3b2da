-- A hand-written OMOP population (SQLite) with a person at each boundary of NCT01134575's
-- criteria as pre-screening reads them on 2010-06-30, a month end. Every person starts as the
-- same relapsed ALL patient, likely eligible; the statements after "Boundaries" change one
-- thing each. The tables are created by the program (omop_ddl); src/prescreen/boundary_test.cc
-- states what each person must give. Concept ids are this file's own: they are found by
-- vocabulary and code.
INSERT INTO concept (concept_id, concept_name, domain_id, vocabulary_id, concept_class_id, standard_concept, concept_code, valid_start_date, valid_end_date) VALUES
  (1, 'FEMALE', 'Gender', 'Gender', 'Gender', 'S', 'F', '1970-01-01', '2099-12-31'),
  (2, 'MALE', 'Gender', 'Gender', 'Gender', 'S', 'M', '1970-01-01', '2099-12-31'),
  (10, 'Acute lymphoid leukemia', 'Condition', 'SNOMED', 'Clinical Finding', 'S', '91857003', '1970-01-01', '2099-12-31'),
  (11, 'ALL, in relapse', 'Condition', 'ICD10CM', 'ICD10 code', NULL, 'C91.02', '1970-01-01', '2099-12-31'),
  (12, 'AML, not in remission', 'Condition', 'ICD10CM', 'ICD10 code', NULL, 'C92.00', '1970-01-01', '2099-12-31'),
  (13, 'ALL, in remission', 'Condition', 'ICD10CM', 'ICD10 code', NULL, 'C91.01', '1970-01-01', '2099-12-31'),
  (14, 'Some other disorder', 'Condition', 'SNOMED', 'Clinical Finding', 'S', '0000000', '1970-01-01', '2099-12-31'),
  (20, 'Bilirubin.total mass/vol', 'Measurement', 'LOINC', 'Lab Test', 'S', '1975-2', '1970-01-01', '2099-12-31'),
  (22, 'ALT', 'Measurement', 'LOINC', 'Lab Test', 'S', '1742-6', '1970-01-01', '2099-12-31'),
  (23, 'AST', 'Measurement', 'LOINC', 'Lab Test', 'S', '1920-8', '1970-01-01', '2099-12-31'),
  (24, 'Creatinine mass/vol', 'Measurement', 'LOINC', 'Lab Test', 'S', '2160-0', '1970-01-01', '2099-12-31'),
  (25, 'Lymphoblasts #/vol', 'Measurement', 'LOINC', 'Lab Test', 'S', '35050-4', '1970-01-01', '2099-12-31'),
  (26, 'LV ejection fraction', 'Measurement', 'LOINC', 'Clinical Observation', 'S', '10230-1', '1970-01-01', '2099-12-31'),
  (27, 'ECOG', 'Observation', 'LOINC', 'Survey', 'S', '89247-1', '1970-01-01', '2099-12-31'),
  (28, 'hCG urine', 'Measurement', 'LOINC', 'Lab Test', 'S', '2106-3', '1970-01-01', '2099-12-31'),
  (30, 'milligram per deciliter', 'Unit', 'UCUM', 'Unit', 'S', 'mg/dL', '1970-01-01', '2099-12-31'),
  (31, 'micromole per liter', 'Unit', 'UCUM', 'Unit', 'S', 'umol/L', '1970-01-01', '2099-12-31'),
  (32, 'unit per liter', 'Unit', 'UCUM', 'Unit', 'S', 'U/L', '1970-01-01', '2099-12-31'),
  (33, 'billion per liter', 'Unit', 'UCUM', 'Unit', 'S', '10*9/L', '1970-01-01', '2099-12-31'),
  (34, 'per microliter', 'Unit', 'UCUM', 'Unit', 'S', '/uL', '1970-01-01', '2099-12-31'),
  (35, 'percent', 'Unit', 'UCUM', 'Unit', 'S', '%', '1970-01-01', '2099-12-31'),
  (36, 'milligram per liter', 'Unit', 'UCUM', 'Unit', 'S', 'mg/L', '1970-01-01', '2099-12-31'),
  (40, 'Negative', 'Meas Value', 'SNOMED', 'Qualifier Value', 'S', '260385009', '1970-01-01', '2099-12-31'),
  (41, 'Positive', 'Meas Value', 'SNOMED', 'Qualifier Value', 'S', '10828004', '1970-01-01', '2099-12-31'),
  (50, 'vincristine', 'Drug', 'RxNorm', 'Ingredient', 'S', '11202', '1970-01-01', '2099-12-31'),
  (51, 'methotrexate', 'Drug', 'RxNorm', 'Ingredient', 'S', '6851', '1970-01-01', '2099-12-31'),
  (52, 'Intrathecal route', 'Route', 'SNOMED', 'Qualifier Value', 'S', '72607000', '1970-01-01', '2099-12-31'),
  (60, 'HPC allogeneic transplantation', 'Procedure', 'CPT4', 'CPT4', 'S', '38240', '1970-01-01', '2099-12-31'),
  (61, 'HPC autologous transplantation', 'Procedure', 'CPT4', 'CPT4', 'S', '38241', '1970-01-01', '2099-12-31'),
  (70, 'Chronic viral hepatitis B', 'Condition', 'ICD10CM', 'ICD10 code', NULL, 'B18.1', '1970-01-01', '2099-12-31');

-- Persons 101 to 137: men born 1970-05-05 unless changed below.
WITH RECURSIVE ids(id) AS (SELECT 101 UNION ALL SELECT id + 1 FROM ids WHERE id < 137)
INSERT INTO person (person_id, gender_concept_id, year_of_birth, month_of_birth, day_of_birth, race_concept_id, ethnicity_concept_id, person_source_value)
SELECT id, 2, 1970, 5, 5, 0, 0, 'boundary-' || id FROM ids;

-- The base record of everyone: relapsed ALL (SNOMED standard, ICD-10-CM source), one prior
-- line (vincristine ended 2010-03-31), ECOG 1, labs of 2010-06-25 within the limits, an
-- ejection fraction of 55%. Row ids are person_id * 100 + a number.
INSERT INTO condition_occurrence (condition_occurrence_id, person_id, condition_concept_id, condition_start_date, condition_type_concept_id, condition_source_value, condition_source_concept_id)
SELECT person_id * 100 + 1, person_id, 10, '2010-01-15', 32817, 'C91.02', 11 FROM person;
INSERT INTO drug_exposure (drug_exposure_id, person_id, drug_concept_id, drug_exposure_start_date, drug_exposure_end_date, drug_type_concept_id, route_concept_id)
SELECT person_id * 100 + 2, person_id, 50, '2010-02-01', '2010-03-31', 32817, 0 FROM person;
INSERT INTO observation (observation_id, person_id, observation_concept_id, observation_date, observation_type_concept_id, value_as_number)
SELECT person_id * 100 + 3, person_id, 27, '2010-06-20', 32817, 1 FROM person;
INSERT INTO measurement (measurement_id, person_id, measurement_concept_id, measurement_date, measurement_type_concept_id, value_as_number, unit_concept_id, range_high)
SELECT person_id * 100 + 10, person_id, 20, '2010-06-25', 32856, 1.0, 30, 1.2 FROM person UNION ALL
SELECT person_id * 100 + 11, person_id, 22, '2010-06-25', 32856, 30, 32, 40 FROM person UNION ALL
SELECT person_id * 100 + 12, person_id, 23, '2010-06-25', 32856, 30, 32, 40 FROM person UNION ALL
SELECT person_id * 100 + 13, person_id, 24, '2010-06-25', 32856, 1.0, 30, NULL FROM person UNION ALL
SELECT person_id * 100 + 14, person_id, 25, '2010-06-25', 32856, 10, 33, NULL FROM person UNION ALL
SELECT person_id * 100 + 15, person_id, 26, '2010-03-01', 32856, 55, 35, NULL FROM person;

-- Boundaries (person: the change).
UPDATE measurement SET value_as_number = 1.5 WHERE measurement_id = 10210;                      -- 102: bilirubin 1.5 mg/dL
UPDATE measurement SET value_as_number = 25.65, unit_concept_id = 31 WHERE measurement_id = 10310; -- 103: 25.65 umol/L = 1.5 mg/dL
UPDATE measurement SET value_as_number = 1.6 WHERE measurement_id = 10410;                      -- 104: between the two limits
UPDATE measurement SET value_as_number = 2.1 WHERE measurement_id = 10510;                      -- 105: above both
UPDATE measurement SET measurement_date = '2010-06-16' WHERE measurement_id = 10610;            -- 106: 14 days before: in the window
UPDATE measurement SET measurement_date = '2010-06-15' WHERE measurement_id = 10710;            -- 107: 15 days before: stale
INSERT INTO measurement (measurement_id, person_id, measurement_concept_id, measurement_date, measurement_type_concept_id, value_as_number, unit_concept_id)
VALUES (10820, 108, 20, '2010-07-01', 32856, 3.0, 30);                                           -- 108: a later bilirubin, unused
UPDATE measurement SET value_as_number = 120 WHERE measurement_id = 10911;                      -- 109: ALT exactly 3 x ULN
UPDATE measurement SET value_as_number = 121 WHERE measurement_id = 11011;                      -- 110: ALT above 3 x ULN
UPDATE measurement SET range_high = NULL WHERE measurement_id = 11111;                          -- 111: ALT without its ULN
UPDATE measurement SET value_as_number = 2.0 WHERE measurement_id = 11213;                      -- 112: creatinine 2.0 mg/dL
UPDATE measurement SET value_as_number = 176.8, unit_concept_id = 31 WHERE measurement_id = 11313; -- 113: 176.8 umol/L = 2.0 mg/dL
UPDATE measurement SET value_as_number = 50 WHERE measurement_id = 11414;                       -- 114: blasts 50 x 10^9/L
UPDATE measurement SET value_as_number = 50001, unit_concept_id = 34 WHERE measurement_id = 11514; -- 115: 50,001 /uL
UPDATE measurement SET value_as_number = 45 WHERE measurement_id = 11615;                       -- 116: ejection fraction 45%
UPDATE measurement SET value_as_number = 44 WHERE measurement_id = 11715;                       -- 117: 44%
DELETE FROM measurement WHERE measurement_id = 11815;                                            -- 118: no ejection fraction
UPDATE person SET year_of_birth = 1994, month_of_birth = 6, day_of_birth = 30 WHERE person_id = 119; -- 119: 16 on the day
UPDATE person SET year_of_birth = 1994, month_of_birth = 7, day_of_birth = 1 WHERE person_id = 120;  -- 120: 16 tomorrow
UPDATE person SET month_of_birth = NULL, day_of_birth = NULL WHERE person_id = 121;              -- 121: the year alone
UPDATE drug_exposure SET drug_exposure_start_date = '2010-06-01', drug_exposure_end_date = '2010-07-10' WHERE drug_exposure_id = 12202; -- 122: still going on
UPDATE drug_exposure SET drug_exposure_start_date = '2010-06-01', drug_exposure_end_date = '2010-06-16' WHERE drug_exposure_id = 12302; -- 123: ended 14 days before
UPDATE drug_exposure SET drug_exposure_start_date = '2010-06-01', drug_exposure_end_date = '2010-06-17' WHERE drug_exposure_id = 12402; -- 124: ended 13 days before
INSERT INTO drug_exposure (drug_exposure_id, person_id, drug_concept_id, drug_exposure_start_date, drug_exposure_end_date, drug_type_concept_id, route_concept_id)
VALUES (12520, 125, 51, '2010-06-20', '2010-08-01', 32817, 52);                                  -- 125: intrathecal methotrexate going on
INSERT INTO procedure_occurrence (procedure_occurrence_id, person_id, procedure_concept_id, procedure_date, procedure_type_concept_id) VALUES
  (12620, 126, 60, '2010-02-28', 32817),                                                         -- 126: allogeneic, 30 June minus 4 months
  (12720, 127, 60, '2010-03-01', 32817),                                                         -- 127: allogeneic, a day later
  (12820, 128, 61, '2010-05-01', 32817);                                                         -- 128: autologous
UPDATE condition_occurrence SET condition_concept_id = 14, condition_source_concept_id = 12, condition_source_value = 'C92.00' WHERE person_id = 129; -- 129: AML
DELETE FROM condition_occurrence WHERE person_id = 130;                                          -- 130: no diagnosis recorded
UPDATE observation SET value_as_number = 4 WHERE person_id = 131;                                -- 131: ECOG 4
UPDATE observation SET observation_date = '2010-05-30' WHERE person_id = 132;                    -- 132: ECOG 31 days old
INSERT INTO condition_occurrence (condition_occurrence_id, person_id, condition_concept_id, condition_start_date, condition_type_concept_id, condition_source_value, condition_source_concept_id)
VALUES (13320, 133, 14, '2009-01-01', 32817, 'B18.1', 70);                                      -- 133: chronic hepatitis B
UPDATE person SET gender_concept_id = 1 WHERE person_id = 134;                                   -- 134: a woman, no pregnancy test
UPDATE measurement SET value_as_number = 10, unit_concept_id = 36 WHERE measurement_id = 13510;  -- 135: bilirubin in mg/L, not accepted
INSERT INTO measurement (measurement_id, person_id, measurement_concept_id, measurement_date, measurement_type_concept_id, value_as_number, unit_concept_id)
VALUES (13620, 136, 20, '2010-06-25', 32856, 2.1, 30);                                           -- 136: the same day, a later row: 2.1
INSERT INTO condition_occurrence (condition_occurrence_id, person_id, condition_concept_id, condition_start_date, condition_type_concept_id, condition_source_value, condition_source_concept_id)
VALUES (13720, 137, 10, '2010-05-01', 32817, 'C91.01', 13);                                      -- 137: in remission since
