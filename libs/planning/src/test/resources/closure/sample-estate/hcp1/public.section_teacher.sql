SELECT section_id, person_id FROM teacher ORDER BY 1, 2
