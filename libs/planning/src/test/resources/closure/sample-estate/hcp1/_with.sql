-- Downward from the district's ids rows through the links (district_id, school_id, person_id) and from
-- there inside hcp1; upward to the parents of every included row. subject is copy-all.
WITH RECURSIVE
session_down(district_id, session_code) AS (
    SELECT district_id, session_code FROM public.academic_session WHERE district_id = ANY (${down:ids.district})
    UNION
    SELECT a.district_id, a.session_code FROM public.academic_session a
    JOIN session_down s ON a.district_id = s.district_id AND a.parent_code = s.session_code
),
course_down(id) AS (
    SELECT id FROM public.course WHERE district_id = ANY (${down:ids.district}) OR school_id = ANY (${down:ids.school})
    UNION
    SELECT c.id FROM public.course c JOIN course_down d ON c.prerequisite_course_id = d.id
),
section_down AS (
    SELECT id FROM public.section
    WHERE school_id = ANY (${down:ids.school}) OR course_id IN (SELECT id FROM course_down)
       OR (district_id, session_code) IN (SELECT district_id, session_code FROM session_down)
),
teacher AS (
    SELECT section_id, person_id FROM public.section_teacher
    WHERE section_id IN (SELECT id FROM section_down) OR person_id = ANY (${down:ids.person})
),
enrolled AS (
    SELECT section_id, person_id FROM public.enrollment
    WHERE section_id IN (SELECT id FROM section_down) OR person_id = ANY (${down:ids.person})
),
section_in AS (
    SELECT id FROM section_down UNION SELECT section_id FROM teacher UNION SELECT section_id FROM enrolled
),
course_in(id) AS (
    SELECT id FROM course_down
    UNION SELECT course_id FROM public.section WHERE id IN (SELECT id FROM section_in)
    UNION
    SELECT c.prerequisite_course_id FROM public.course c JOIN course_in i ON c.id = i.id
    WHERE c.prerequisite_course_id IS NOT NULL
),
session_in(district_id, session_code) AS (
    SELECT district_id, session_code FROM session_down
    UNION SELECT district_id, session_code FROM public.section WHERE id IN (SELECT id FROM section_in)
    UNION
    SELECT a.district_id, a.parent_code FROM public.academic_session a
    JOIN session_in i ON a.district_id = i.district_id AND a.session_code = i.session_code
    WHERE a.parent_code IS NOT NULL
)
