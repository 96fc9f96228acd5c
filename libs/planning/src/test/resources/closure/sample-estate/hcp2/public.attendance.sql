-- partitioned: read through the parent
SELECT person_id, section_id, attendance_date FROM public.attendance
WHERE section_id = ANY (${down:hcp1.section}) OR person_id = ANY (${down:ids.person})
ORDER BY 1, 2, 3
