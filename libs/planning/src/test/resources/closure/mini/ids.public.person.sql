-- Written from the rules, not from the engine: d1's people are those of the district (downward through
-- district_id and school_id), the guardians its students' links point at, the principals of the schools
-- pulled upward (a student's previous school in another district).
WITH d AS (SELECT id FROM public.district WHERE code = 'd1'),
     own_school AS (SELECT id FROM public.school WHERE district_id IN (SELECT id FROM d)),
     own_person AS (SELECT id FROM public.person WHERE district_id IN (SELECT id FROM d)
                    OR school_id IN (SELECT id FROM own_school) OR previous_school_id IN (SELECT id FROM own_school)),
     guardians AS (SELECT guardian_id AS id FROM public.guardian_link WHERE student_id IN (SELECT id FROM own_person)),
     prev_school AS (SELECT previous_school_id AS id FROM public.person WHERE id IN (SELECT id FROM own_person)),
     principals AS (SELECT principal_id AS id FROM public.school WHERE id IN (SELECT id FROM prev_school))
SELECT id FROM own_person UNION SELECT id FROM guardians UNION SELECT id FROM principals WHERE id IS NOT NULL
ORDER BY 1
