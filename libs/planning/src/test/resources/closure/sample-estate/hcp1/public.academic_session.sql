SELECT district_id, session_code FROM session_in ORDER BY district_id, session_code COLLATE "C"
