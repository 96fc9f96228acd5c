-- Downward from the district's hcp1 sections and courses and its ids people; upward to the parents of
-- every included row, closing the gradebook/grading_period and rubric/rubric_criterion cycles.
-- submission.grader_id is nullified: neither followed nor pulled.
WITH RECURSIVE
book_down(t, id) AS (
    SELECT 'gradebook'::text, id FROM public.gradebook WHERE section_id = ANY (${down:hcp1.section})
    UNION
    SELECT x.t, x.id FROM book_down b JOIN LATERAL (
        SELECT 'grading_period'::text, p.id FROM public.grading_period p WHERE b.t = 'gradebook' AND p.gradebook_id = b.id
        UNION ALL SELECT 'gradebook', g.id FROM public.gradebook g WHERE b.t = 'grading_period' AND g.current_period_id = b.id
    ) x(t, id) ON true
),
rubric_down(t, id) AS (
    SELECT 'rubric'::text, id FROM public.rubric WHERE course_id = ANY (${down:hcp1.course})
    UNION
    SELECT x.t, x.id FROM rubric_down r JOIN LATERAL (
        SELECT 'criterion'::text, c.id FROM public.rubric_criterion c WHERE r.t = 'rubric' AND c.rubric_id = r.id
        UNION ALL SELECT 'rubric', u.id FROM public.rubric u WHERE r.t = 'criterion' AND u.default_criterion_id = r.id
    ) x(t, id) ON true
),
assignment_down AS (SELECT id FROM public.assignment WHERE section_id = ANY (${down:hcp1.section})),
submission AS (
    SELECT id, assignment_id FROM public.submission
    WHERE assignment_id IN (SELECT id FROM assignment_down) OR person_id = ANY (${down:ids.person})
),
grade AS (
    SELECT id, grading_period_id FROM public.grade
    WHERE section_id = ANY (${down:hcp1.section}) OR person_id = ANY (${down:ids.person})
       OR grading_period_id IN (SELECT id FROM book_down WHERE t = 'grading_period')
),
book_in(t, id) AS (
    SELECT t, id FROM book_down
    UNION SELECT 'grading_period', grading_period_id FROM grade
    UNION
    SELECT x.t, x.id FROM book_in b JOIN LATERAL (
        SELECT 'gradebook'::text, p.gradebook_id FROM public.grading_period p WHERE b.t = 'grading_period' AND p.id = b.id
        UNION ALL SELECT 'grading_period', g.current_period_id FROM public.gradebook g WHERE b.t = 'gradebook' AND g.id = b.id
    ) x(t, id) ON true
),
rubric_in(t, id) AS (
    SELECT t, id FROM rubric_down
    UNION
    SELECT x.t, x.id FROM rubric_in r JOIN LATERAL (
        SELECT 'rubric'::text, c.rubric_id FROM public.rubric_criterion c WHERE r.t = 'criterion' AND c.id = r.id
        UNION ALL SELECT 'criterion', u.default_criterion_id FROM public.rubric u WHERE r.t = 'rubric' AND u.id = r.id
    ) x(t, id) ON true
)
