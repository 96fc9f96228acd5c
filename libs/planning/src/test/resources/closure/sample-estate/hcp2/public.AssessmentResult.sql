SELECT "resultId" FROM public."AssessmentResult" WHERE "personId" = ANY (${down:ids.person}) ORDER BY 1
