SELECT section_id, person_id FROM enrolled ORDER BY 1, 2
