SELECT 'down', 'section', id FROM section_down
UNION ALL SELECT 'down', 'course', id FROM course_down
UNION ALL SELECT 'in', 'section', id FROM section_in
UNION ALL SELECT 'in', 'course', id FROM course_in
