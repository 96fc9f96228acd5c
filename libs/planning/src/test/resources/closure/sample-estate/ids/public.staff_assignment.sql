SELECT staff_id, school_id FROM staff ORDER BY 1, 2
