SELECT id FROM course_in ORDER BY id
