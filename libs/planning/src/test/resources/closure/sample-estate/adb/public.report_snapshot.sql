-- school_id drops what dangles
SELECT id FROM public.report_snapshot
WHERE (district_id = ANY (${down:ids.district}) OR school_id = ANY (${down:ids.school}))
  AND school_id = ANY (${in:ids.school})
ORDER BY id
