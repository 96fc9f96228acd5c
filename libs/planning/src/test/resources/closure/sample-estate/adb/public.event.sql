-- Downward through district_id and the payload's personId, schoolId and sectionId; a payload value that
-- names no row dangles and the links' dangling: drop leaves the event out.
SELECT id FROM public.event
WHERE (district_id = ANY (${down:ids.district})
       OR (payload ->> 'personId')::bigint = ANY (${down:ids.person})
       OR (payload ->> 'schoolId')::bigint = ANY (${down:ids.school})
       OR (payload ->> 'sectionId')::bigint = ANY (${down:hcp1.section}))
  AND (payload ->> 'personId' IS NULL OR (payload ->> 'personId')::bigint = ANY (${in:ids.person}))
  AND (payload ->> 'schoolId' IS NULL OR (payload ->> 'schoolId')::bigint = ANY (${in:ids.school}))
  AND (payload ->> 'sectionId' IS NULL OR (payload ->> 'sectionId')::bigint = ANY (${in:hcp1.section}))
ORDER BY id
