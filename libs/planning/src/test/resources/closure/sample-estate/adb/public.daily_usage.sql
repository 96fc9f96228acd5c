-- No primary key: the key is every column. school_id and person_id drop what dangles.
SELECT * FROM (
    SELECT DISTINCT usage_date, district_id, school_id, person_id, sessions, minutes, device FROM public.daily_usage
    WHERE (district_id = ANY (${down:ids.district}) OR school_id = ANY (${down:ids.school})
           OR person_id = ANY (${down:ids.person}))
      AND (school_id IS NULL OR school_id = ANY (${in:ids.school}))
      AND person_id = ANY (${in:ids.person})
) u
ORDER BY usage_date, district_id, school_id NULLS FIRST, person_id, sessions, minutes, device COLLATE "C" NULLS FIRST
