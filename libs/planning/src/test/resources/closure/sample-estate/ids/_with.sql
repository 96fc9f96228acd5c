-- down: the district row and the rows a followed reference of which points at a down row (descended from).
-- inc:  down rows, the parents the junction tables' down rows reference, and every parent an included row
--       references (pulled upward, never descended from). previous_school_id is parents-only.
WITH RECURSIVE
down(t, id) AS (
    SELECT 'district'::text, id FROM public.district WHERE code = ${district}
    UNION
    SELECT x.t, x.id FROM down JOIN LATERAL (
        SELECT 'school'::text, s.id FROM public.school s WHERE down.t = 'district' AND s.district_id = down.id
        UNION ALL SELECT 'school', s.id FROM public.school s WHERE down.t = 'school' AND s.parent_school_id = down.id
        UNION ALL SELECT 'school', s.id FROM public.school s WHERE down.t = 'person' AND s.principal_id = down.id
        UNION ALL SELECT 'person', p.id FROM public.person p WHERE down.t = 'district' AND p.district_id = down.id
        UNION ALL SELECT 'person', p.id FROM public.person p WHERE down.t = 'school' AND p.school_id = down.id
    ) x(t, id) ON true
),
down_person AS (SELECT id FROM down WHERE t = 'person'),
down_school AS (SELECT id FROM down WHERE t = 'school'),
link AS (
    SELECT guardian_id, student_id FROM public.guardian_link
    WHERE guardian_id IN (SELECT id FROM down_person) OR student_id IN (SELECT id FROM down_person)
),
staff AS (
    SELECT staff_id, school_id FROM public.staff_assignment
    WHERE staff_id IN (SELECT id FROM down_person) OR school_id IN (SELECT id FROM down_school)
),
inc(t, id) AS (
    SELECT t, id FROM down
    UNION SELECT 'person', guardian_id FROM link
    UNION SELECT 'person', student_id FROM link
    UNION SELECT 'person', staff_id FROM staff
    UNION SELECT 'school', school_id FROM staff
    UNION
    SELECT x.t, x.id FROM inc JOIN LATERAL (
        SELECT 'district'::text, s.district_id FROM public.school s WHERE inc.t = 'school' AND s.id = inc.id
        UNION ALL SELECT 'school', s.parent_school_id FROM public.school s
            WHERE inc.t = 'school' AND s.id = inc.id AND s.parent_school_id IS NOT NULL
        UNION ALL SELECT 'person', s.principal_id FROM public.school s
            WHERE inc.t = 'school' AND s.id = inc.id AND s.principal_id IS NOT NULL
        UNION ALL SELECT 'district', p.district_id FROM public.person p WHERE inc.t = 'person' AND p.id = inc.id
        UNION ALL SELECT 'school', p.school_id FROM public.person p
            WHERE inc.t = 'person' AND p.id = inc.id AND p.school_id IS NOT NULL
        UNION ALL SELECT 'school', p.previous_school_id FROM public.person p
            WHERE inc.t = 'person' AND p.id = inc.id AND p.previous_school_id IS NOT NULL
    ) x(t, id) ON true
)
