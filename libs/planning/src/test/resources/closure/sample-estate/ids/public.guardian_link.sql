SELECT guardian_id, student_id FROM link ORDER BY 1, 2
